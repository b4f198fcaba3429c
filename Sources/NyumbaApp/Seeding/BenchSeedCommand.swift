import Crypto
import Foundation
import MariaDB
import Web

/// `nyumba seed --bench small|medium|large [--seed N] [--password P] [--pending N]
/// [--today YYYY-MM-DD]`: the benchmark data of BENCHMARK.md on an empty database.
enum BenchSeedCommand {
    static let usage = """
        usage: nyumba seed --bench small|medium|large [--seed N] [--password P] [--pending N] [--today YYYY-MM-DD]
          --seed N      the random seed (default 1); the same seed and day give the same data
          --password P  every account's password (default: NYUMBA_BENCH_PASSWORD, else \(defaultPassword))
          --pending N   pending STK requests for the callback workload (default: 2000 small, 200000 otherwise)
          --today D     the Nairobi day the history ends on (default: today)
        """

    /// The documented password of every benchmark account (throwaway data only).
    static let defaultPassword = "nyumba-bench-password"

    static func run(arguments: [String], environment: [String: String]) -> Int32 {
        var options: [String: String] = [:]
        var index = 0
        while index < arguments.count {
            let name = arguments[index]
            guard ["--bench", "--seed", "--password", "--pending", "--today"].contains(name),
                index + 1 < arguments.count
            else { return Commands.fail(usage) }
            options[name] = arguments[index + 1]
            index += 2
        }
        guard let size = options["--bench"].flatMap(BenchSize.init(rawValue:)),
            let seed = UInt64(options["--seed"] ?? "1"),
            let pending = Int(options["--pending"] ?? "\(size.defaultPendingRequests)"), pending >= 0,
            let today = CalendarDay(iso: options["--today"] ?? NairobiTime.today())
        else { return Commands.fail(usage) }
        let password = options["--password"] ?? environment["NYUMBA_BENCH_PASSWORD"] ?? defaultPassword
        let iterationsText = environment["NYUMBA_PASSWORD_ITERATIONS"] ?? "600000"
        guard let iterations = Int(iterationsText), iterations >= 600_000,
            iterations <= PasswordHasher.maximumIterations
        else {
            return Commands.fail(
                "NYUMBA_PASSWORD_ITERATIONS is malformed: it must be a whole number of at least 600000")
        }
        let url: DatabaseURL
        do {
            (url, _) = try Config.loadDatabase(from: environment)
        } catch {
            return Commands.fail(error.description)
        }
        _ = MariaDBClient.libraryInit()
        MariaDBClient.threadInit()
        let layout = BenchLayout(size: size, seed: seed, today: (today.year, today.month, today.day))
        let started = Date()
        do {
            // Hashed once: PBKDF2 at the configured count costs ~0.1 s, too much per account.
            let hash = PasswordHasher(iterations: iterations).hash(password)
            let report = try BenchSeed(db: Connection(url: url), layout: layout)
                .run(passwordHash: hash, pendingRequests: pending)
            print(summary(report, layout, password: password, seconds: Date().timeIntervalSince(started)))
            return 0
        } catch let refusal as BenchSeedRefusal {
            return Commands.fail(refusal.description)
        } catch {
            return Commands.fail("seeding failed: \(error)")
        }
    }

    static func summary(_ report: BenchSeedReport, _ layout: BenchLayout, password: String, seconds: Double) -> String {
        let size = layout.size
        let counts = report.payments
        let months =
            "\(layout.months[0].firstDay.prefix(7))…\(layout.months[layout.months.count - 1].firstDay.prefix(7))"
        let phases = report.phases.map { "\($0.name) \(String(format: "%.1f", $0.seconds))" }.joined(separator: ", ")
        return """
            Benchmark data \(size.rawValue), seed \(layout.seed): \(size.landlords) landlords, \(size.propertyCount) properties, \
            \(size.unitCount) units with an approved tenant and a lease each, \(size.months) months (\(months))
              payments: \(counts.payments) (STK \(counts.stk), manual \(counts.manual)); lease-months paid in full \
            \(counts.fullMonths), in parts \(counts.partialMonths), unpaid \(counts.unpaidMonths)
              charges: deposits \(report.charges.deposits), water \(report.charges.water), late fees \(report.charges.lateFees)
              pending STK requests: \(report.pendingRequests) (ws_CO_BENCH_1…ws_CO_BENCH_\(report.pendingRequests))
              logins: landlord1…landlord\(size.landlords)@\(BenchLayout.emailDomain), \
            tenant1…tenant\(size.unitCount)@\(BenchLayout.emailDomain), password: \(password)
              seconds: \(phases); total \(String(format: "%.1f", seconds))
            """
    }
}
