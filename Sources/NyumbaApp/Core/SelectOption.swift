/// One option of a form's `<select>` as the templates show it (`{{value}}`, `{{label}}`, `{{selected}}`).
struct SelectOption {
    let value: String
    let label: String
    let selected: Bool
}
