/// A strict base64 codec for one alphabet, with or without `=` padding.
///
/// Decoding rejects characters outside the alphabet, whitespace, wrong padding and
/// non-canonical encodings (unused trailing bits set), so each byte string has exactly one text form.
struct Base64Codec: Sendable {
    private let alphabet: [UInt8]
    private let values: [UInt8]
    private let padded: Bool
    private static let invalid: UInt8 = 0xFF
    private static let pad = UInt8(ascii: "=")

    /// RFC 4648 section 4: `+` and `/`, padded.
    static let standard = Base64Codec(last: "+/", padded: true)
    /// RFC 4648 section 5: `-` and `_`, unpadded (as used by JWT).
    static let url = Base64Codec(last: "-_", padded: false)

    private init(last: String, padded: Bool) {
        alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789\(last)".utf8)
        var values = [UInt8](repeating: Self.invalid, count: 256)
        for (index, character) in alphabet.enumerated() {
            values[Int(character)] = UInt8(index)
        }
        self.values = values
        self.padded = padded
    }

    func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let remaining = min(3, bytes.count - index)
            var group = UInt32(bytes[index]) << 16
            if remaining > 1 { group |= UInt32(bytes[index + 1]) << 8 }
            if remaining > 2 { group |= UInt32(bytes[index + 2]) }
            for position in 0...remaining {
                out.append(alphabet[Int((group >> UInt32(18 - 6 * position)) & 0x3F)])
            }
            if padded && remaining < 3 {
                out.append(contentsOf: repeatElement(Self.pad, count: 3 - remaining))
            }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    func decode(_ string: String) -> [UInt8]? {
        var characters = Array(string.utf8)
        if padded {
            guard characters.count % 4 == 0 else { return nil }
            var padding = 0
            while padding < 2 && characters.last == Self.pad {
                characters.removeLast()
                padding += 1
            }
        }
        guard characters.count % 4 != 1 else { return nil }

        var sextets: [UInt8] = []
        sextets.reserveCapacity(characters.count)
        for character in characters {
            let value = values[Int(character)]
            guard value != Self.invalid else { return nil }
            sextets.append(value)
        }

        var out: [UInt8] = []
        out.reserveCapacity(sextets.count * 3 / 4)
        var index = 0
        while index < sextets.count {
            let count = min(4, sextets.count - index)
            var group: UInt32 = 0
            for position in 0..<4 {
                group <<= 6
                if position < count { group |= UInt32(sextets[index + position]) }
            }
            let produced = count - 1
            let unusedBits = group & (produced == 1 ? 0xFFFF : produced == 2 ? 0xFF : 0)
            guard unusedBits == 0 else { return nil }
            for position in 0..<produced {
                out.append(UInt8(truncatingIfNeeded: group >> UInt32(16 - 8 * position)))
            }
            index += 4
        }
        return out
    }
}
