import Web

/// The automatic-reminder form: up to five occasions, each a number of days from the due
/// day (-10 to +20); empty fields are ignored, and all empty turns automatic reminders off.
struct ReminderSettingsForm {
    static let slots = 5
    static let range = -10...20

    var values: [String] = Array(repeating: "", count: slots)
    var errors = FieldErrors()

    /// The form showing the saved occasions.
    init(saved: [Int]) {
        for (index, offset) in saved.prefix(Self.slots).enumerated() {
            values[index] = offset > 0 ? "+\(offset)" : String(offset)
        }
    }

    private init() {}

    /// Reads the form; the occasions are nil when a field has an error.
    static func read(_ form: FormData) -> (ReminderSettingsForm, [Int]?) {
        var typed = ReminderSettingsForm()
        var offsets: [Int] = []
        for index in 0..<slots {
            let name = "occasion\(index + 1)"
            let text = (form[name] ?? "").trimmingCharacters(in: .whitespaces)
            typed.values[index] = text
            guard !text.isEmpty else { continue }
            let digits = text.hasPrefix("+") ? String(text.dropFirst()) : text
            guard let offset = Int(digits), range.contains(offset) else {
                typed.errors.add(name, "reminders.offset_days")
                continue
            }
            if !offsets.contains(offset) { offsets.append(offset) }
        }
        return (typed, typed.errors.isEmpty ? offsets.sorted() : nil)
    }

    /// The fields as the template shows them, in the page's words.
    func fields(_ say: Wording) -> [ReminderSettingsPage.Field] {
        values.enumerated().map { index, value in
            let name = "occasion\(index + 1)"
            return ReminderSettingsPage.Field(
                name: name, number: index + 1, value: value, error: errors[name].map { say($0) })
        }
    }
}
