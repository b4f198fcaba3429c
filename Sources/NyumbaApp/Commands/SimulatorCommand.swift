import Foundation
import Glibc

/// What the simulator subcommands (`daraja-sim`, `sms-sim`) share: settings read from the
/// environment, and running until SIGTERM or SIGINT with logs written at once.
enum SimulatorCommand {
    /// Blocks the stop signals before `start` starts any thread (so every thread inherits the mask
    /// and only sigwait receives them), starts the simulator (`start` returns where it listens),
    /// waits for a stop signal, then stops it.
    static func run(_ name: String, start: () throws -> String, stop: () -> Void) -> Int32 {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGINT)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        signal(SIGPIPE, SIG_IGN)
        do {
            say("\(name) listening on \(try start())")
        } catch {
            return Commands.fail("\(name): \(error)")
        }
        var received: Int32 = 0
        while sigwait(&signals, &received) != 0 {}
        stop()
        say("\(name): stopped on signal \(received)")
        return 0
    }

    /// Writes a line to stdout unbuffered, so logs show up at once in a file or pipe.
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// A setting, or nil when unset or empty.
    static func value(_ environment: [String: String], _ name: String) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }

    /// A whole-number setting (`fallback` when unset); nil when it is not a number.
    static func number(_ environment: [String: String], _ name: String, default fallback: Int) -> Int? {
        guard let text = value(environment, name) else { return fallback }
        return Int(text)
    }
}
