/// The benchmark data sets of BENCHMARK.md: how many landlords, properties, units and
/// months of history each one has.
enum BenchSize: String, CaseIterable, Sendable {
    case small
    case medium
    case large

    var landlords: Int { self == .small ? 1 : 10 }
    var propertiesPerLandlord: Int {
        switch self {
        case .small: 5
        case .medium: 20
        case .large: 50
        }
    }
    var unitsPerProperty: Int { self == .small ? 20 : 100 }
    var months: Int {
        switch self {
        case .small: 12
        case .medium: 24
        case .large: 36
        }
    }

    /// Pending STK requests for the `callback` workload: enough for a `make bench` run
    /// (warm-up plus three 10 s rounds at several thousand callbacks a second).
    var defaultPendingRequests: Int { self == .small ? 2_000 : 200_000 }

    var propertyCount: Int { landlords * propertiesPerLandlord }
    var unitCount: Int { propertyCount * unitsPerProperty }
}
