import DarajaSimulator

/// `nyumba daraja-sim`: runs the local Daraja simulator until SIGTERM or SIGINT, so the
/// whole payment flow works on one machine. Settings: `NYUMBA_DARAJA_SIM_PORT` (8090),
/// `NYUMBA_DARAJA_CONSUMER_KEY`/`_SECRET` ("sim-key"/"sim-secret"), `NYUMBA_DARAJA_PASSKEY`
/// (the public sandbox passkey), `NYUMBA_DARAJA_SIM_DELAY_MS` (300).
enum DarajaSimCommand {
    static let sandboxPasskey = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919"

    static func run(environment: [String: String]) -> Int32 {
        let number = { SimulatorCommand.number(environment, $0, default: $1) }
        guard let port = number("NYUMBA_DARAJA_SIM_PORT", 8090), (1...65_535).contains(port)
        else { return Commands.fail("daraja-sim: NYUMBA_DARAJA_SIM_PORT must be a port number") }
        guard let delay = number("NYUMBA_DARAJA_SIM_DELAY_MS", 300), delay >= 0 else {
            return Commands.fail("daraja-sim: NYUMBA_DARAJA_SIM_DELAY_MS must be a number of milliseconds")
        }
        guard let late = number("NYUMBA_DARAJA_SIM_LATE_ANSWER_MS", 20_000), late >= 0 else {
            return Commands.fail("daraja-sim: NYUMBA_DARAJA_SIM_LATE_ANSWER_MS must be a number of milliseconds")
        }
        let setting = { SimulatorCommand.value(environment, $0) ?? $1 }
        let simulator = DarajaSimulator(
            host: "127.0.0.1", port: port, consumerKey: setting("NYUMBA_DARAJA_CONSUMER_KEY", "sim-key"),
            consumerSecret: setting("NYUMBA_DARAJA_CONSUMER_SECRET", "sim-secret"),
            passkey: setting("NYUMBA_DARAJA_PASSKEY", sandboxPasskey), callbackDelay: .milliseconds(delay),
            lateAnswerDelay: .milliseconds(late), log: { SimulatorCommand.say("daraja-sim: \($0)") })
        return SimulatorCommand.run("daraja-sim") {
            try simulator.start()
            return "http://127.0.0.1:\(simulator.port)"
        } stop: {
            simulator.stop()
        }
    }
}
