import Daraja
import Foundation
import MariaDB

/// `nyumba c2b-register [--landlord ID]`: registers the paybill's Confirmation and Validation
/// URLs with Daraja (Register URL v1 or v2 by `NYUMBA_DARAJA_C2B_VERSION`, default v2;
/// ResponseType Completed) — the deployment's shortcode, or a landlord's own.
///
/// `nyumba unmatched`: lists the paybill payments on the deployment's shared shortcode that
/// matched no lease (no landlord sees those), for the operator.
enum C2BCommands {
    static func register(arguments: [String], environment: [String: String]) -> Int32 {
        var landlord: UserID? = nil
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            guard argument == "--landlord", let value = rest.popFirst(), let id = Int64(value), id > 0 else {
                return Commands.fail("c2b-register: usage: nyumba c2b-register [--landlord ID]")
            }
            landlord = UserID(id)
        }
        let config: Config
        do {
            config = try Config.load(from: environment)
        } catch {
            return Commands.fail(String(describing: error))
        }
        guard let daraja = config.daraja else {
            return Commands.fail("c2b-register: M-Pesa is not set up (NYUMBA_DARAJA_BASE_URL is unset)")
        }
        _ = MariaDBClient.libraryInit()
        MariaDBClient.threadInit()
        do {
            var shortcode = daraja.shortcode
            var credentials = daraja.credentials
            if let landlord {
                let account = try MpesaAccounts(db: Connection(url: config.databaseURL), config: config)
                    .account(landlord: landlord)
                guard account.isOwn else {
                    return Commands.fail("c2b-register: landlord \(landlord) has no M-Pesa settings of their own")
                }
                (shortcode, credentials) = (account.shortcode, account.credentials)
            }
            let registration = C2BUrls.registration(
                config: config, shortcode: shortcode.partyB, version: daraja.c2bVersion)
            try DarajaClient.configured(daraja).registerC2B(registration, credentials: credentials)
            print("c2b-register: \(registration.version.rawValue) URLs registered for \(shortcode.partyB)")
            return 0
        } catch let error as DarajaError {
            return Commands.fail("c2b-register: Daraja refused: \(C2BUrls.plainWords(error))")
        } catch {
            return Commands.fail("c2b-register: \(error)")
        }
    }

    static func unmatched(environment: [String: String]) -> Int32 {
        let config: Config
        do {
            config = try Config.load(from: environment)
        } catch {
            return Commands.fail(String(describing: error))
        }
        _ = MariaDBClient.libraryInit()
        MariaDBClient.threadInit()
        do {
            let db = Connection(url: config.databaseURL)
            let store = C2BStore(db: db)
            for payment in try store.unmatched(landlord: nil) {
                let fields = [
                    payment.transID, NairobiTime.dateTime(payment.paidAt), payment.shortcode, String(payment.amount),
                    payment.billRef, payment.payerName, payment.msisdn,
                ]
                print(fields.joined(separator: "\t"))
            }
            // Paid STK callbacks that matched no push (kept as received) and are in no ledger entry.
            for callback in try DarajaCallbackStore(db: db).unknown() {
                guard let paid = try? STKCallback.parse(callback.body), paid.resultCode == 0,
                    let receipt = paid.receipt, try store.payment(receipt: receipt) == nil
                else { continue }
                let fields = [
                    receipt, NairobiTime.dateTime(callback.receivedAt), "STK push", paid.amount.map(String.init) ?? "?",
                    paid.checkoutRequestID, "", paid.phone ?? "",
                ]
                print(fields.joined(separator: "\t"))
            }
            return 0
        } catch {
            return Commands.fail("unmatched: \(error)")
        }
    }
}

/// The C2B URLs of this deployment and the words for Daraja's refusals.
enum C2BUrls {
    static func registration(config: Config, shortcode: String, version: C2BRegistration.Version)
        -> C2BRegistration
    {
        let base = "/daraja/c2b/" + (config.daraja?.callbackToken ?? "")
        return C2BRegistration(
            shortcode: shortcode, confirmationURL: config.link(base + "/confirmation"),
            validationURL: config.link(base + "/validation"), responseType: .completed, version: version)
    }

    /// Daraja's Register URL refusals in plain words.
    static func plainWords(_ error: DarajaError) -> String {
        guard case .api(_, let code, let message) = error else { return error.description }
        switch code {
        case "500.003.1001":
            return "URLs are already registered for this shortcode (\(message)). In production, delete them in "
                + "the Daraja portal (Self Services → URL Management), then register again."
        case "401.003.01":
            return "this Daraja app has the other C2B version: set NYUMBA_DARAJA_C2B_VERSION to v1 or v2 to match."
        case "400.002.02", "400.002.05": return "Daraja did not accept the URLs or the shortcode (\(message))."
        default: return error.description
        }
    }
}
