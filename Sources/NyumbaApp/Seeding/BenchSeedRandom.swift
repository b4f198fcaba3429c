/// SplitMix64: a tiny, fast generator whose output depends only on its seed, so the
/// benchmark data is the same on every machine and Swift version.
struct BenchRandom {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// An independent stream for one thing (a lease-month, a tenant…) of a seeded run,
    /// so the values do not depend on the order things are generated in.
    init(seed: UInt64, _ stream: UInt64, _ item: UInt64 = 0) {
        var mixer = BenchRandom(seed: seed ^ 0x6A09_E667_F3BC_C908)
        let a = mixer.next() ^ stream &* 0x9E37_79B9_7F4A_7C15
        mixer = BenchRandom(seed: a)
        state = mixer.next() ^ item &* 0xBF58_476D_1CE4_E5B9
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `range` (the tiny modulo bias is irrelevant for test data).
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }

    mutating func pick<T>(_ items: [T]) -> T {
        items[int(in: 0...(items.count - 1))]
    }
}
