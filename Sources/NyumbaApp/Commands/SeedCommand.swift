import Crypto
import Foundation
import MariaDB
import Web

/// `nyumba seed --demo [--logins-file FILE]`: demo data on an empty database, with its
/// logins printed (and written to FILE, readable by the owner only, for later runs).
/// `nyumba seed --bench SIZE …`: the benchmark data (`BenchSeedCommand`).
enum SeedCommand {
    static func run(arguments: [String], environment: [String: String]) -> Int32 {
        if arguments.first == "--bench" {
            return BenchSeedCommand.run(arguments: arguments, environment: environment)
        }
        guard arguments.first == "--demo" else {
            return Commands.fail("usage: nyumba seed --demo [--logins-file FILE]\n" + BenchSeedCommand.usage)
        }
        let loginsFile = arguments.firstIndex(of: "--logins-file").flatMap {
            arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil
        }
        let url: DatabaseURL
        do {
            (url, _) = try Config.loadDatabase(from: environment)
        } catch {
            return Commands.fail(error.description)
        }
        _ = MariaDBClient.libraryInit()
        MariaDBClient.threadInit()
        do {
            let seed = DemoSeed(db: Connection(url: url), passwords: PasswordHasher())
            guard let logins = try seed.run() else {
                Log.info("seed: the database has accounts already; no demo data added")
                return 0
            }
            let text = logins.map { "  \($0.role): \($0.email)  password: \($0.password)" }.joined(separator: "\n")
            print("Demo logins:\n\(text)")
            if let loginsFile,
                !FileManager.default.createFile(
                    atPath: loginsFile, contents: Data("Demo logins:\n\(text)\n".utf8),
                    attributes: [.posixPermissions: 0o600])
            {
                // The logins are printed above; only the copy for later runs is missing.
                return Commands.fail("seed: could not write the logins to \(loginsFile)")
            }
            return 0
        } catch {
            return Commands.fail("seeding failed: \(error)")
        }
    }
}
