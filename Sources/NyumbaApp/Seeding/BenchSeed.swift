import Crypto
import Foundation
import MariaDB

/// What a benchmark seed run did, for its summary lines.
struct BenchSeedReport: Sendable {
    var payments = BenchPaymentCounts()
    var charges = BenchChargeCounts()
    var pendingRequests = 0
    /// Seconds per phase, in order.
    var phases: [(name: String, seconds: Double)] = []
}

/// The database has accounts already: benchmark data goes into an empty database only.
struct BenchSeedRefusal: Error, CustomStringConvertible {
    var description: String {
        "the database has users already: `seed --bench` only fills an empty, migrated database "
            + "(create a fresh one, run `nyumba migrate`, then seed)"
    }
}

/// Creates the benchmark data of BENCHMARK.md with plain multi-row INSERTs (not through
/// the stores: ~530,000 payments on `medium` must take minutes, not hours), then fills
/// the summary tables with set-based SQL. The same size, seed and day give the same rows.
struct BenchSeed {
    let db: Connection
    let layout: BenchLayout
    var size: BenchSize { layout.size }

    /// Seeds everything; `passwordHash` is used for every account.
    func run(passwordHash: String, pendingRequests: Int, shortcode: String = "174379") throws -> BenchSeedReport {
        guard try db.queryOne("SELECT 1 FROM users LIMIT 1") == nil,
            try db.queryOne("SELECT 1 FROM payment_requests LIMIT 1") == nil
        else { throw BenchSeedRefusal() }
        // The summaries' GROUP BYs stay in memory instead of spilling to temporary files
        // under the server's tmpdir (a shared /tmp here, where other processes clean up).
        try db.execute("SET SESSION tmp_table_size = 536870912, max_heap_table_size = 536870912")
        var report = BenchSeedReport()
        func timed(_ name: String, _ body: () throws -> Void) throws {
            let start = Date()
            try body()
            report.phases.append((name, Date().timeIntervalSince(start)))
        }
        try timed("accounts and leases") { try insertAccountsAndLeases(passwordHash: passwordHash) }
        try timed("payments") { report.payments = try insertPayments() }
        try timed("charges") { report.charges = try insertCharges() }
        try timed("pending requests") { try insertPendingRequests(pendingRequests, shortcode: shortcode) }
        try timed("summaries") { try fillSummaries() }
        report.pendingRequests = pendingRequests
        return report
    }
}
