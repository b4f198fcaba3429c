import Foundation
import Mustache

/// The Mustache templates, loaded once at start-up and checked so that a missing or
/// broken template stops start-up instead of failing a request.
public struct Views: Sendable {
    private let library: MustacheLibrary

    /// Loads every `.mustache` file under `directory` and checks that every `Template` and
    /// every notice kind's template on each of its channels has its file.
    init(directory: String) throws(ViewsError) {
        try self.init(
            directory: directory, required: Template.allCases.map(\.rawValue) + NoticeKind.requiredTemplates)
    }

    /// Loads every `.mustache` file under `directory` (names keep their subfolder:
    /// `accounts/login`), then checks that each name in `required` exists and that every
    /// partial or parent a template refers to exists.
    init(directory: String, required: [String]) throws(ViewsError) {
        HTMLEscaping.register()
        var library = MustacheLibrary()
        var texts: [String: String] = [:]
        let root = URL(fileURLWithPath: directory).standardizedFileURL.path
        guard let files = FileManager.default.enumerator(atPath: root) else {
            throw ViewsError("the templates folder \(root) cannot be read")
        }
        for case let file as String in files where file.hasSuffix(".mustache") {
            let name = String(file.dropLast(".mustache".count))
            do {
                let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
                let declared = text.hasPrefix("{{%CONTENT_TYPE")
                try library.register(declared ? text : "{{%CONTENT_TYPE: \(HTMLEscaping.name)}}" + text, named: name)
                texts[name] = text
            } catch {
                throw ViewsError("template \(file) cannot be loaded: \(error)")
            }
        }
        for name in required where texts[name] == nil {
            throw ViewsError("template \(name).mustache is missing from \(root)")
        }
        for (name, text) in texts {
            for reference in Self.references(in: text) where texts[reference] == nil {
                throw ViewsError("template \(name).mustache refers to \(reference), which does not exist")
            }
        }
        self.library = library
    }

    /// Renders a page; every `Template` was checked at start-up.
    func render(_ template: Template, _ context: Any) -> String { render(named: template.rawValue, context) }

    /// Renders a notice's words on one channel; every kind's templates were checked at start-up.
    /// One template per kind and channel: the words of another language come from its catalogue.
    func render(_ kind: NoticeKind, on channel: NoticeChannel, language: Language, _ context: Any) -> String {
        render(named: kind.template(channel), context)
    }

    /// Renders a template by its file's name (for the tests of the machinery itself).
    func render(named name: String, _ context: Any) -> String {
        library.render(TemplateValue.boxed(context), withTemplate: name) ?? ""
    }

    /// Names used as `{{> partial}}` or `{{< parent}}`.
    static func references(in text: String) -> [String] {
        var names: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            guard let marker = rest.first, marker == ">" || marker == "<",
                let close = rest.range(of: "}}")
            else { continue }
            names.append(
                rest[rest.index(after: rest.startIndex)..<close.lowerBound].trimmingCharacters(in: .whitespaces))
            rest = rest[close.upperBound...]
        }
        return names
    }
}

/// Why the templates could not be loaded.
public struct ViewsError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
