import Foundation

/// What Nyumba itself writes on a charge or credit (a late fee, a deposit, a reversal…): a
/// catalogue key and its figures, stored as JSON (`charges.words`) and put into the reader's
/// language only when shown. `about` fills `{charge}`: the charge a credit takes off, in its own
/// words or as the landlord typed it.
struct ChargeWords: Sendable, Equatable {
    let key: String
    let figures: [String: Figure]
    let about: About?

    /// The charge a credit names.
    indirect enum About: Sendable, Equatable {
        /// The landlord's text, as typed.
        case typed(String)
        case words(ChargeWords)
    }

    init(_ key: String, _ figures: [String: Figure] = [:], about: About? = nil) {
        self.key = key
        self.figures = figures
        self.about = about
    }

    /// The words in `say`'s language.
    func text(_ say: Wording) -> String {
        var values = figures.mapValues { $0.text(say) }
        switch about {
        case .typed(let text): values["charge"] = text
        case .words(let words): values["charge"] = words.text(say)
        case nil: break
        }
        return say(key, values)
    }

    /// The JSON stored in `charges.words`.
    var stored: String {
        let data = try? JSONSerialization.data(withJSONObject: storedObject, options: [.sortedKeys])
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Words read back from `charges.words`; nil for anything unreadable.
    init?(stored json: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) else { return nil }
        self.init(object: object)
    }

    private var storedObject: [String: Any] {
        var object: [String: Any] = ["key": key, "figures": figures.mapValues(\.stored)]
        switch about {
        case .typed(let text): object["about"] = ["typed": text]
        case .words(let words): object["about"] = words.storedObject
        case nil: break
        }
        return object
    }

    private init?(object: Any) {
        guard let object = object as? [String: Any], let key = object["key"] as? String else { return nil }
        var figures: [String: Figure] = [:]
        for (name, value) in object["figures"] as? [String: Any] ?? [:] {
            guard let stored = value as? [String: Any], let figure = Figure(stored: stored) else { return nil }
            figures[name] = figure
        }
        var about: About? = nil
        if let nested = object["about"] as? [String: Any] {
            if let typed = nested["typed"] as? String {
                about = .typed(typed)
            } else if let words = ChargeWords(object: nested) {
                about = .words(words)
            } else {
                return nil
            }
        }
        self.init(key, figures, about: about)
    }
}

extension ChargeLine {
    /// What the line says in `say`'s language: Nyumba's words, else the text as typed (or as an
    /// older row stored it).
    func text(_ say: Wording) -> String { words?.text(say) ?? description }

    /// The line with its words put into `say`'s language as its description (for a statement).
    func worded(_ say: Wording) -> ChargeLine {
        ChargeLine(
            id: id, kind: kind, amount: amount, dueOn: dueOn, description: text(say), reason: reason,
            reverses: reverses)
    }

    /// The line as a credit that takes it off names it.
    var about: ChargeWords.About { words.map { .words($0) } ?? .typed(description) }
}
