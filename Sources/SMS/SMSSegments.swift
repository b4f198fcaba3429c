/// How an SMS text travels: GSM 03.38 7-bit, or UCS-2 when any character is outside it.
public enum SMSEncoding: String, Sendable, Equatable {
    /// GSM 03.38 default alphabet: 160 characters in one SMS, 153 per part when split.
    case gsm7 = "GSM-7"
    /// UTF-16 code units: 70 in one SMS, 67 per part when split.
    case ucs2 = "UCS-2"

    /// Units that fit in one SMS that is not split.
    public var singleLimit: Int { self == .gsm7 ? 160 : 70 }
    /// Units that fit in each part of a split SMS (the rest carries the concatenation header).
    public var partLimit: Int { self == .gsm7 ? 153 : 67 }
}

/// The encoding, length and number of parts of a text, counted as phones split it: an
/// extension character (`€`, `{`, `[`, …) takes two septets and a character outside the
/// BMP (most emoji) two UTF-16 units, and neither pair is ever split across two parts.
public struct SMSSegments: Sendable, Equatable {
    /// GSM-7 when every character is in the default alphabet or its extension table.
    public let encoding: SMSEncoding
    /// Septets (GSM-7) or UTF-16 code units (UCS-2).
    public let units: Int
    /// Parts billed and sent; 0 for an empty text.
    public let count: Int

    /// Counts `text`.
    public init(_ text: String) {
        var widths: [Int] = []
        var gsm = true
        for scalar in text.unicodeScalars {
            guard let width = GSM7.width(of: scalar) else {
                gsm = false
                break
            }
            widths.append(width)
        }
        if !gsm { widths = text.unicodeScalars.map { $0.utf16.count } }
        encoding = gsm ? .gsm7 : .ucs2
        units = widths.reduce(0, +)
        count = Self.parts(widths, encoding: encoding)
    }

    /// Fills parts greedily, moving a two-unit character whole into the next part.
    private static func parts(_ widths: [Int], encoding: SMSEncoding) -> Int {
        let total = widths.reduce(0, +)
        if total == 0 { return 0 }
        if total <= encoding.singleLimit { return 1 }
        var parts = 1
        var used = 0
        for width in widths {
            if used + width > encoding.partLimit {
                parts += 1
                used = 0
            }
            used += width
        }
        return parts
    }
}

/// The GSM 03.38 default alphabet and its extension table (3GPP TS 23.038).
enum GSM7 {
    /// The default alphabet in code order (the escape at 0x1B left out: it is not a character).
    static let basic: Set<Unicode.Scalar> = Set(
        ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà").unicodeScalars)
    /// Reached through the escape, so each takes two septets.
    static let extended: Set<Unicode.Scalar> = Set("\u{0C}^{}\\[~]|€".unicodeScalars)

    /// The width of each scalar below U+0100 (0: none), the ones nearly every text is made of, read
    /// without hashing.
    private static let latin1: [UInt8] = (0..<256).map { value in
        let scalar = Unicode.Scalar(UInt8(value))
        return basic.contains(scalar) ? 1 : extended.contains(scalar) ? 2 : 0
    }

    /// 1 or 2 septets, or nil when `scalar` has no GSM-7 form.
    static func width(of scalar: Unicode.Scalar) -> Int? {
        if scalar.value < 256 {
            let width = latin1[Int(scalar.value)]
            return width == 0 ? nil : Int(width)
        }
        if basic.contains(scalar) { return 1 }
        if extended.contains(scalar) { return 2 }
        return nil
    }
}

extension SMSSegments {
    /// `text` with the typographic characters people and word processors type (curly quotes,
    /// dashes, the ellipsis, non-breaking spaces) replaced by their plain GSM-7 forms, so that
    /// one of them in a name does not turn a one-part SMS into a three-part UCS-2 one.
    public static func plain(_ text: String) -> String {
        // Every character replaced below is U+00A0 or from U+2007 on.
        guard text.unicodeScalars.contains(where: { $0.value == 0xA0 || $0.value >= 0x2007 }) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\u{2018}", "\u{2019}", "\u{201A}", "\u{2032}": result.append("'")
            case "\u{201C}", "\u{201D}", "\u{201E}", "\u{2033}": result.append("\"")
            case "\u{2013}", "\u{2014}", "\u{2212}": result.append("-")
            case "\u{2026}": result.append(contentsOf: "...".unicodeScalars)
            case "\u{00A0}", "\u{2007}", "\u{202F}": result.append(" ")
            default: result.append(scalar)
            }
        }
        return String(result)
    }
}
