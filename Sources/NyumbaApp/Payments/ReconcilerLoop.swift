import Daraja

extension BackgroundLoop {
    /// The reconciler: asks Daraja about due pending requests every few seconds (never
    /// less often than the back-off base).
    static func reconciler(config: Config, views: Views, client: DarajaClient, versions: LandlordDataVersions)
        -> BackgroundLoop
    {
        let interval = Double(min(3, config.reconcile.baseSeconds))
        return BackgroundLoop(name: "reconciler", databaseURL: config.databaseURL, pollInterval: interval) { db in
            let reconciler = Reconciler(db: db, config: config, views: views, client: client, versions: versions)
            return { try reconciler.reconcileBatch() }
        }
    }
}
