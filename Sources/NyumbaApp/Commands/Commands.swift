import Foundation
import Web

/// The subcommands of the `nyumba` executable.
public enum Commands {
    static let usage = """
        usage: nyumba [--env-file FILE] COMMAND

        commands:
          serve      run the FastCGI responder (settings from NYUMBA_* variables)
                     --no-mailer: do not deliver the outbox's emails in this process
                     --no-sms: do not deliver the outbox's SMS in this process
                     --no-scheduler: do not send automatic rent reminders nor add the day's
                       monthly charges and late fees in this process
                     --no-reconciler: do not ask Daraja about pending payments in this process
          mailer     deliver the outbox, emails and SMS (--until-empty: exit once nothing is due)
          reconcile  ask Daraja about pending STK payments (--once: settle what is due now, then exit)
          remind     send the automatic rent reminders due today (--once: send them, then exit;
                     NYUMBA_TODAY=YYYY-MM-DD pins the date, for tests)
          charges    add the day's monthly charges and late fees (--once: add them, then exit;
                     NYUMBA_TODAY pins the date, for tests)
          migrate    apply the database migrations in NYUMBA_MIGRATIONS_DIR (default db/migrations)
          seed       --demo: a landlord, a property and an approved tenant on an empty database
                     --bench small|medium|large [--seed N]: the benchmark data (BENCHMARK.md)
          daraja-sim run the local Daraja (M-Pesa) simulator (NYUMBA_DARAJA_SIM_PORT, default 8090)
          c2b-register [--landlord ID]  register the paybill's C2B URLs with Daraja
                     (NYUMBA_DARAJA_C2B_VERSION v1 or v2, default v2)
          unmatched  list paybill payments on the shared shortcode that matched no lease
          sms-sim    run the local Africa's Talking SMS simulator (NYUMBA_SMS_SIM_PORT, default 8091)
          help       show this text
        """

    /// The process's arguments, without the program name. With libfaketime preloaded (`make
    /// test-calendar`) into a process whose parent did not run under it, Swift's
    /// `CommandLine.arguments` comes back empty in most starts, without even the program name, which
    /// a started process always has: then they are read from the kernel's copy.
    public static func processArguments() -> [String] {
        guard CommandLine.arguments.isEmpty,
            let cmdline = FileHandle(forReadingAtPath: "/proc/self/cmdline")?.readDataToEndOfFile()
        else { return Array(CommandLine.arguments.dropFirst()) }
        let arguments = cmdline.split(separator: 0, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
        // The file ends with a NUL, which leaves one empty piece after the last argument.
        return Array(arguments.dropFirst().dropLast())
    }

    /// Runs the command named in `arguments` (without the program name); returns the exit status.
    public static func main(_ arguments: [String]) -> Int32 {
        var arguments = arguments
        if arguments.first == "--env-file" {
            guard arguments.count >= 2 else { return fail("--env-file needs a file name") }
            do {
                try EnvironmentFile.load(path: arguments[1])
            } catch {
                return fail("cannot read the settings file \(arguments[1]): \(error.localizedDescription)")
            }
            arguments.removeFirst(2)
        }
        let environment = ProcessInfo.processInfo.environment
        switch arguments.first {
        case "serve": return ServeCommand.run(environment: environment, arguments: Array(arguments.dropFirst()))
        case "mailer": return MailerCommand.run(arguments: Array(arguments.dropFirst()), environment: environment)
        case "reconcile":
            return ReconcileCommand.run(arguments: Array(arguments.dropFirst()), environment: environment)
        case "remind": return RemindCommand.run(arguments: Array(arguments.dropFirst()), environment: environment)
        case "charges": return ChargesCommand.run(arguments: Array(arguments.dropFirst()), environment: environment)
        case "migrate": return MigrateCommand.run(environment: environment)
        case "seed": return SeedCommand.run(arguments: Array(arguments.dropFirst()), environment: environment)
        case "daraja-sim": return DarajaSimCommand.run(environment: environment)
        case "c2b-register":
            return C2BCommands.register(arguments: Array(arguments.dropFirst()), environment: environment)
        case "unmatched": return C2BCommands.unmatched(environment: environment)
        case "sms-sim": return SMSSimCommand.run(environment: environment)
        case "help", "--help", "-h":
            print(usage)
            return 0
        default:
            FileHandle.standardError.write(Data((usage + "\n").utf8))
            return 2
        }
    }

    /// Prints each line of `message` to stderr and returns the failure status.
    static func fail(_ message: String) -> Int32 {
        let lines = message.split(separator: "\n").map { "nyumba: \($0)\n" }.joined()
        FileHandle.standardError.write(Data(lines.utf8))
        return 1
    }
}
