import MariaDB

/// Paybill account numbers: what a tenant types after the business number. Each unit has
/// one, unique across the deployment, at most 12 letters and digits: a property code
/// (3 characters from an alphabet without O, 0, I or 1) and the unit label, written in the
/// canonical form matching compares (upper case, letters and digits only, O as 0, I as 1).
enum PaybillAccount {
    /// 32 characters with none of O, 0, I, 1.
    static let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
    static let maximumLength = 12

    /// What someone typed, as matching compares it: case, spaces, dashes and any other
    /// punctuation dropped, O read as 0 and I as 1 (the unit label's digits win).
    static func canonical(_ typed: String) -> String {
        String(
            typed.uppercased().compactMap { character -> Character? in
                guard character.isASCII, character.isLetter || character.isNumber else { return nil }
                return character == "O" ? "0" : character == "I" ? "1" : character
            })
    }

    /// The property's code: its id, spread over the first 32,768 codes by an odd multiplier
    /// (a permutation), so that neighbouring properties look different; at least 3 characters.
    static func propertyCode(_ propertyID: Int64) -> String {
        let spread = propertyID < 32_768 ? (propertyID * 7_919) % 32_768 : propertyID
        var digits: [Character] = []
        var rest = spread
        repeat {
            digits.append(alphabet[Int(rest % 32)])
            rest /= 32
        } while rest > 0
        while digits.count < 3 { digits.append(alphabet[0]) }
        return String(digits.reversed())
    }

    /// The unit's account number: property code and canonical label; a label too long (or
    /// empty once canonical) gives way to the unit's id.
    static func number(propertyID: Int64, unitID: Int64, label: String) -> String {
        let code = propertyCode(propertyID)
        let canonicalLabel = canonical(label)
        if !canonicalLabel.isEmpty, code.count + canonicalLabel.count <= maximumLength {
            return code + canonicalLabel
        }
        return String((code + "U" + String(unitID)).prefix(maximumLength))
    }
}

/// The SQL of units' paybill account numbers.
struct UnitAccountStore {
    let db: Connection

    /// Gives every unit without an account number its own; returns how many were filled.
    @discardableResult
    func fillMissing(limit: Int = 10_000) throws -> Int {
        let rows = try db.query(
            "SELECT id, property_id, label FROM units WHERE account_no IS NULL ORDER BY id LIMIT ?", limit)
        for row in rows {
            let id = try row.int64("id")
            let property = try row.int64("property_id")
            let label = try row.string("label")
            let canonicalLabel = String(PaybillAccount.canonical(label).prefix(PaybillAccount.maximumLength))
            do {
                try assign(id, PaybillAccount.number(propertyID: property, unitID: id, label: label), canonicalLabel)
            } catch let error as DatabaseError where error.isDuplicateKey {
                // Two labels of one property that read alike ("A-1", "A1"): this one gets the id form.
                try assign(id, PaybillAccount.number(propertyID: property, unitID: id, label: ""), canonicalLabel)
            }
        }
        return rows.count
    }

    /// Forgets a unit's account number (its label changed); `fillMissing` gives it a new one.
    func forget(unit: Int64) throws {
        try db.execute("UPDATE units SET account_no = NULL, account_label = NULL WHERE id = ?", unit)
    }

    private func assign(_ unit: Int64, _ number: String, _ label: String) throws {
        try db.execute("UPDATE units SET account_no = ?, account_label = ? WHERE id = ?", number, label, unit)
    }
}

/// "Paybill 123456, Account no. KBC7A1" for a lease, when its landlord is paid through a
/// paybill (a till has no account numbers) and M-Pesa is set up.
struct PaybillInstructions {
    let db: Connection
    let config: Config

    func words(lease: LeaseID, landlord: UserID, say: Wording) throws -> String? {
        guard let account = try? MpesaAccounts(db: db, config: config).account(landlord: landlord),
            account.shortcode.transactionType == .payBill,
            let number = try C2BStore(db: db).accountNumber(lease: lease)
        else { return nil }
        return say("pay.paybill_line", ["paybill": account.shortcode.partyB, "account": number])
    }
}
