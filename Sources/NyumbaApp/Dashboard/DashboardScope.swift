/// What a dashboard covers: all of a landlord's properties, one property, or one lease.
enum DashboardScope: Hashable, Sendable {
    case all
    case property(PropertyID)
    case lease(LeaseID)

    /// Part of a cache key.
    var key: String {
        switch self {
        case .all: "all"
        case .property(let id): "p\(id)"
        case .lease(let id): "l\(id)"
        }
    }
}
