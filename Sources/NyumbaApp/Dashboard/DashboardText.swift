/// How dashboard figures read.
enum DashboardText {
    /// `87.5%`, or `—` when nothing was expected.
    static func rate(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "—" }
        let tenths = (part * 1000 + whole / 2) / whole
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
