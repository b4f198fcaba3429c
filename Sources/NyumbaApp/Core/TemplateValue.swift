/// Turns a view model into dictionaries and arrays once per render.
///
/// swift-mustache looks each `{{name}}` up with a fresh `Mirror` of every object on its
/// context stack; on a page with tables that reflection dominated the request (a cached
/// dashboard took ~20 ms). Dictionaries are looked up directly, so one reflection pass
/// per value is enough.
enum TemplateValue {
    static func boxed(_ value: Any) -> Any? {
        switch value {
        // A leaf is ruled in before the protocol composition, which costs more to rule out.
        case is String, is Int, is Int64, is Bool, is Double, is any TemplateLeaf,
            is any CustomStringConvertible & Hashable:
            return value
        case is any HiddenFromTemplates:
            return nil
        case let array as [Any]:
            return array.compactMap(boxed)
        case let dictionary as [String: Any]:
            return dictionary.compactMapValues(boxed)
        default:
            break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.flatMap { boxed($0.value) }
        case .struct, .class:
            var fields: [String: Any] = [:]
            for child in mirror.children {
                guard let label = child.label, let field = boxed(child.value) else { continue }
                fields[label] = field
            }
            return fields
        case .collection, .set:
            return mirror.children.compactMap { boxed($0.value) }
        default:
            return value
        }
    }
}

/// A value templates take as it is, with no `Mirror` made of it: a notice's `Figure`, which is put
/// into words after boxing.
protocol TemplateLeaf {}
