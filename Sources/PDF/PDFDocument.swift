import CHaru
import Foundation

/// Why a PDF could not be made.
public enum PDFError: Error, Equatable {
    case cannotCreate
    case cannotWrite(code: UInt)
}

/// A PDF of A4 pages with text in the standard Helvetica fonts, drawn by libharu: enough for a
/// statement or a receipt. Text is encoded as WinAnsi (Latin letters, digits, common punctuation);
/// an arrow becomes "->" and any other character outside it "?". Coordinates are points from the
/// page's top left corner. Not thread-safe: one document per thread.
public final class PDFDocument {
    public static let pageWidth = 595.0
    public static let pageHeight = 842.0

    private let document: HPDF_Doc
    private var page: HPDF_Page?
    private let regular: HPDF_Font
    private let boldFont: HPDF_Font

    /// An empty document (no page yet) with its title in the document information.
    public init(title: String) throws(PDFError) {
        guard let document = HPDF_New(nil, nil),
            let regular = HPDF_GetFont(document, "Helvetica", "WinAnsiEncoding"),
            let boldFont = HPDF_GetFont(document, "Helvetica-Bold", "WinAnsiEncoding")
        else { throw .cannotCreate }
        self.document = document
        self.regular = regular
        self.boldFont = boldFont
        HPDF_SetCompressionMode(document, UInt32(HPDF_COMP_ALL))
        Self.withEncoded(title) { _ = HPDF_SetInfoAttr(document, HPDF_INFO_TITLE, $0) }
    }

    deinit { HPDF_Free(document) }

    /// Starts a new A4 portrait page; later drawing goes on it.
    public func newPage() {
        page = HPDF_AddPage(document)
        HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT)
    }

    /// Writes one line of text with its baseline `y` points from the top: starting at `x`, or ending
    /// at `x` when `alignRight`.
    public func text(
        _ text: String, x: Double, y: Double, size: Double = 10, bold: Bool = false, alignRight: Bool = false
    ) {
        if page == nil { newPage() }
        HPDF_Page_SetFontAndSize(page, bold ? boldFont : regular, Float(size))
        Self.withEncoded(text) { encoded in
            let left = alignRight ? x - Double(HPDF_Page_TextWidth(page, encoded)) : x
            HPDF_Page_BeginText(page)
            HPDF_Page_TextOut(page, Float(left), Float(Self.pageHeight - y), encoded)
            HPDF_Page_EndText(page)
        }
    }

    /// A thin horizontal rule `y` points from the top.
    public func rule(y: Double, from left: Double, to right: Double) {
        if page == nil { newPage() }
        HPDF_Page_SetLineWidth(page, 0.5)
        HPDF_Page_MoveTo(page, Float(left), Float(Self.pageHeight - y))
        HPDF_Page_LineTo(page, Float(right), Float(Self.pageHeight - y))
        HPDF_Page_Stroke(page)
    }

    /// The finished document's bytes.
    public func bytes() throws(PDFError) -> [UInt8] {
        if page == nil { newPage() }
        let status = HPDF_SaveToStream(document)
        guard status == HPDF_OK else { throw .cannotWrite(code: UInt(status)) }
        var size = HPDF_GetStreamSize(document)
        var buffer = [UInt8](repeating: 0, count: Int(size))
        let read = HPDF_ReadFromStream(document, &buffer, &size)
        guard read == HPDF_OK || read == HPDF_STREAM_EOF else { throw .cannotWrite(code: UInt(read)) }
        return Array(buffer.prefix(Int(size)))
    }

    /// The text as a NUL-terminated WinAnsi (Windows-1252) string.
    private static func withEncoded<T>(_ text: String, _ body: (UnsafePointer<CChar>) -> T) -> T {
        let plain = text.replacingOccurrences(of: "→", with: "->")
        var bytes = plain.unicodeScalars.map { scalar -> UInt8 in
            if let byte = String(scalar).data(using: .windowsCP1252)?.first, byte != 0 { return byte }
            return UInt8(ascii: "?")
        }
        bytes.append(0)
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { body($0) }
        }
    }
}
