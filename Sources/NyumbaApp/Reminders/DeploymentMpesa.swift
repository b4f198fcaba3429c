/// The deployment's default paybill or till (`NYUMBA_DARAJA_*`), for landlords without their own.
enum DeploymentMpesa {
    static func account(_ config: Config) -> MpesaNumber? {
        guard let shortcode = config.daraja?.shortcode else { return nil }
        return MpesaNumber(number: shortcode.partyB, isTill: shortcode.transactionType == .buyGoods)
    }
}
