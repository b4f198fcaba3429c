import Crypto
import Foundation

/// Timestamp (yyyyMMddHHmmss in Africa/Nairobi, UTC+3, 24 h) and Password = base64(shortcode + passkey + timestamp).
public enum DarajaPassword {
    /// Kenya keeps UTC+3 all year (no daylight saving), so a fixed offset is exact.
    static let nairobiOffset = 3 * 3600

    /// `date` as `yyyyMMddHHmmss` in East Africa Time.
    public static func timestamp(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + nairobiOffset
        let (days, secondOfDay) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let dayNumber = secondOfDay < 0 ? days - 1 : days
        let second = secondOfDay < 0 ? secondOfDay + 86_400 : secondOfDay
        let (year, month, day) = civilDate(daysSinceEpoch: dayNumber)
        return pad(year, 4) + pad(month, 2) + pad(day, 2) + pad(second / 3600, 2) + pad(second % 3600 / 60, 2)
            + pad(second % 60, 2)
    }

    /// base64(shortcode + passkey + timestamp), standard alphabet with padding.
    public static func password(shortcode: String, passkey: String, timestamp: String) -> String {
        Base64.encode(Array((shortcode + passkey + timestamp).utf8))
    }

    /// Howard Hinnant's days-to-civil conversion (proleptic Gregorian).
    private static func civilDate(daysSinceEpoch: Int) -> (Int, Int, Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
