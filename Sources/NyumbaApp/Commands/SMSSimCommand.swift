import SMSSimulator

/// `nyumba sms-sim`: runs the local Africa's Talking SMS simulator until SIGTERM or SIGINT.
/// Settings: `NYUMBA_SMS_SIM_PORT` (8091), `NYUMBA_AT_USERNAME` ("sandbox"), `NYUMBA_AT_API_KEY`
/// ("sim-api-key"), `NYUMBA_SMS_SENDER_ID` (when set, the only sender ID accepted),
/// `NYUMBA_SMS_SIM_REPORT_URL` (when set, delivery reports are POSTed there).
enum SMSSimCommand {
    static func run(environment: [String: String]) -> Int32 {
        guard let port = SimulatorCommand.number(environment, "NYUMBA_SMS_SIM_PORT", default: 8091),
            (1...65_535).contains(port)
        else { return Commands.fail("sms-sim: NYUMBA_SMS_SIM_PORT must be a port number") }
        let setting = { SimulatorCommand.value(environment, $0) }
        let simulator = SMSSimulator(
            host: "127.0.0.1", port: port, username: setting("NYUMBA_AT_USERNAME") ?? "sandbox",
            apiKey: setting("NYUMBA_AT_API_KEY") ?? "sim-api-key",
            senderIDs: setting("NYUMBA_SMS_SENDER_ID").map { [$0] }, reportURL: setting("NYUMBA_SMS_SIM_REPORT_URL"),
            log: { SimulatorCommand.say($0) })
        return SimulatorCommand.run("sms-sim") {
            try simulator.start()
            return simulator.baseURL
        } stop: {
            simulator.stop()
        }
    }
}
