import Foundation
import Glibc
import SMSSimulator

/// `nyumba sms-sim`: runs the local Africa's Talking SMS simulator until SIGTERM or SIGINT.
/// Settings: `NYUMBA_SMS_SIM_PORT` (8091), `NYUMBA_AT_USERNAME` ("sandbox"), `NYUMBA_AT_API_KEY`
/// ("sim-api-key"), `NYUMBA_SMS_SENDER_ID` (when set, the only sender ID accepted),
/// `NYUMBA_SMS_SIM_REPORT_URL` (when set, delivery reports are POSTed there).
enum SMSSimCommand {
    static func run(environment: [String: String]) -> Int32 {
        let portText = environment["NYUMBA_SMS_SIM_PORT"].flatMap { $0.isEmpty ? nil : $0 } ?? "8091"
        guard let port = Int(portText), (1...65_535).contains(port) else {
            return Commands.fail("sms-sim: NYUMBA_SMS_SIM_PORT must be a port number")
        }
        // Block the stop signals before any thread starts, so only sigwait below receives them.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGINT)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        signal(SIGPIPE, SIG_IGN)

        let sender = value(environment, "NYUMBA_SMS_SENDER_ID")
        let simulator = SMSSimulator(
            host: "127.0.0.1", port: port, username: value(environment, "NYUMBA_AT_USERNAME") ?? "sandbox",
            apiKey: value(environment, "NYUMBA_AT_API_KEY") ?? "sim-api-key", senderIDs: sender.map { [$0] },
            reportURL: value(environment, "NYUMBA_SMS_SIM_REPORT_URL"), log: { say($0) })
        do {
            try simulator.start()
        } catch {
            return Commands.fail("sms-sim: \(error)")
        }
        say("sms-sim listening on \(simulator.baseURL)")
        var received: Int32 = 0
        while sigwait(&signals, &received) != 0 {}
        simulator.stop()
        say("sms-sim: stopped on signal \(received)")
        return 0
    }

    /// Writes a line to stdout unbuffered, so logs show up at once in a file or pipe.
    private static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    private static func value(_ environment: [String: String], _ name: String) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }
}
