import Dispatch
import Foundation
import MariaDB

@testable import NyumbaApp

extension AppHarness {
    /// Runs `action` while another connection records `payment` as `PaymentRecorder` does (its lease
    /// locked first) and holds the transaction open for half a second: the action meets a payment
    /// that is being recorded, and returns once that payment has committed. The payment must commit.
    func whileRecording<T>(_ payment: LedgerEntry, _ action: () throws -> T) throws -> T {
        let (url, versions) = (app.config.databaseURL, app.versions)
        let (recording, recorded) = (DispatchSemaphore(value: 0), DispatchSemaphore(value: 0))
        nonisolated(unsafe) var failure: (any Error)?
        DispatchQueue.global().async {
            MariaDBClient.threadInit()
            let db = Connection(url: url)
            var held = false
            do {
                try db.transaction {
                    _ = try LedgerStore(db: db).lockTotals(payment.leaseID)
                    try LedgerStore(db: db).record(payment, versions: versions)
                    held = true
                    recording.signal()
                    Thread.sleep(forTimeInterval: 0.5)
                }
            } catch {
                failure = error
            }
            if !held { recording.signal() }
            db.close()
            MariaDBClient.threadEnd()
            recorded.signal()
        }
        recording.wait()
        let result = Result { try action() }
        recorded.wait()
        if let failure { throw failure }
        return try result.get()
    }
}
