import Foundation
import Web

/// Reads a JSON object body as the pages' form fields, so that the API checks what is
/// sent with the very same rules and words as the forms. Names the API spells
/// differently are renamed on the way in, and back in the field errors.
struct APIBody {
    let form: FormData
    /// API name → form name.
    let renaming: [String: String]

    /// One value of the object: only strings, numbers, booleans and null are accepted.
    private enum Scalar: Decodable {
        case text(String)
        case null
        case nested

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let flag = try? container.decode(Bool.self) {
                self = .text(flag ? "true" : "false")
            } else if let number = try? container.decode(Int.self) {
                self = .text(String(number))
            } else if let number = try? container.decode(Double.self) {
                self = .text(String(number))
            } else if let text = try? container.decode(String.self) {
                self = .text(text)
            } else {
                self = .nested
            }
        }
    }

    /// Parses the body; 400 `bad_request` unless it is a JSON object, 400 `validation_failed`
    /// for a field that is a list or an object.
    init(_ request: Request, renaming: [String: String] = [:]) throws {
        guard request.contentType == "application/json" else {
            throw APIError.badRequest("api.error.json_expected")
        }
        let object: [String: Scalar]
        do {
            object = try JSONDecoder().decode([String: Scalar].self, from: Data(request.body))
        } catch {
            throw APIError.badRequest("api.error.json_object")
        }
        var fields: [(String, String)] = []
        var problems: [String: Words] = [:]
        for (name, value) in object {
            switch value {
            case .text(let text): fields.append((renaming[name] ?? name, text))
            case .null: break
            case .nested: problems[name] = Words("api.error.scalar")
            }
        }
        guard problems.isEmpty else { throw APIError.validation(problems) }
        form = FormData(fields)
        self.renaming = renaming
    }

    subscript(_ name: String) -> String? { form[renaming[name] ?? name] }

    /// The form's field errors under the API's names.
    func fields(_ errors: FieldErrors) -> [String: Words] {
        fields(errors.problems)
    }

    /// Field problems under the API's names.
    func fields(_ messages: [String: Words]) -> [String: Words] {
        let back = Dictionary(renaming.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
        return Dictionary(messages.map { (back[$0.key] ?? $0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// Throws 400 `validation_failed` when there are field errors.
    func check(_ errors: FieldErrors) throws {
        guard errors.isEmpty else { throw APIError.validation(fields(errors)) }
    }
}
