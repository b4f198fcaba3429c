import DarajaSimulator
import Foundation
import Glibc

/// `nyumba daraja-sim`: runs the local Daraja simulator until SIGTERM or SIGINT, so the
/// whole payment flow works on one machine. Settings: `NYUMBA_DARAJA_SIM_PORT` (8090),
/// `NYUMBA_DARAJA_CONSUMER_KEY`/`_SECRET` ("sim-key"/"sim-secret"), `NYUMBA_DARAJA_PASSKEY`
/// (the public sandbox passkey), `NYUMBA_DARAJA_SIM_DELAY_MS` (300).
enum DarajaSimCommand {
    static let sandboxPasskey = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919"

    static func run(environment: [String: String]) -> Int32 {
        guard let port = number(environment, "NYUMBA_DARAJA_SIM_PORT", default: 8090), (1...65_535).contains(port)
        else { return Commands.fail("daraja-sim: NYUMBA_DARAJA_SIM_PORT must be a port number") }
        guard let delay = number(environment, "NYUMBA_DARAJA_SIM_DELAY_MS", default: 300), delay >= 0 else {
            return Commands.fail("daraja-sim: NYUMBA_DARAJA_SIM_DELAY_MS must be a number of milliseconds")
        }
        guard let late = number(environment, "NYUMBA_DARAJA_SIM_LATE_ANSWER_MS", default: 20_000), late >= 0 else {
            return Commands.fail("daraja-sim: NYUMBA_DARAJA_SIM_LATE_ANSWER_MS must be a number of milliseconds")
        }
        // Block the stop signals before any thread starts, so every thread inherits the mask
        // and only sigwait below receives them.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGINT)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        signal(SIGPIPE, SIG_IGN)

        let simulator = DarajaSimulator(
            host: "127.0.0.1", port: port,
            consumerKey: value(environment, "NYUMBA_DARAJA_CONSUMER_KEY", default: "sim-key"),
            consumerSecret: value(environment, "NYUMBA_DARAJA_CONSUMER_SECRET", default: "sim-secret"),
            passkey: value(environment, "NYUMBA_DARAJA_PASSKEY", default: sandboxPasskey),
            callbackDelay: .milliseconds(delay), lateAnswerDelay: .milliseconds(late), log: { say("daraja-sim: \($0)") }
        )
        do {
            try simulator.start()
        } catch {
            return Commands.fail("daraja-sim: \(error)")
        }
        say("daraja-sim listening on http://127.0.0.1:\(simulator.port)")
        var received: Int32 = 0
        while sigwait(&signals, &received) != 0 {}
        simulator.stop()
        say("daraja-sim: stopped on signal \(received)")
        return 0
    }

    /// Writes a line to stdout unbuffered, so logs show up at once in a file or pipe.
    private static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    private static func value(_ environment: [String: String], _ name: String, default fallback: String) -> String {
        guard let value = environment[name], !value.isEmpty else { return fallback }
        return value
    }

    private static func number(_ environment: [String: String], _ name: String, default fallback: Int) -> Int? {
        guard let text = environment[name], !text.isEmpty else { return fallback }
        return Int(text)
    }
}
