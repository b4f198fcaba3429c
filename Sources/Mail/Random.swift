/// Unpredictable tokens for Message-IDs and MIME boundaries.
enum Random {
    /// `byteCount` random bytes from the system generator, as lowercase hex.
    static func hex(byteCount: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(2 * byteCount)
        // Eight bytes per draw from the system (one system call each), not one.
        var word: UInt64 = 0
        for index in 0..<byteCount {
            if index % 8 == 0 { word = generator.next() }
            let byte = UInt8(truncatingIfNeeded: word >> (8 * UInt64(index % 8)))
            text.append(contentsOf: [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
