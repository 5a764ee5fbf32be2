import CLeptonica
import CTesseract
import Foundation

/// Why OCR could not be done. Descriptions are read by operators in logs and reason files.
public enum OCRError: Error, CustomStringConvertible, Equatable {
    case engineInitFailed(language: String, dataPath: String?)
    case recognitionFailed(String)
    case imageOperationFailed(String)

    public var description: String {
        switch self {
        case .engineInitFailed(let language, let dataPath):
            let place = dataPath.map { "in \($0)" } ?? "in Tesseract's default tessdata folder"
            return "Tesseract could not load the language '\(language)' \(place); check that its traineddata file is installed (e.g. tesseract-ocr-vie)"
        case .recognitionFailed(let detail):
            return "text recognition failed: \(detail)"
        case .imageOperationFailed(let detail):
            return "image processing failed: \(detail)"
        }
    }
}

/// Page orientation found by Tesseract's OSD.
public struct OrientationEstimate: Sendable, Equatable {
    /// Degrees clockwise to turn the image upright: 0, 90, 180 or 270.
    public let rotation: Int
    /// Tesseract's orientation confidence (unbounded; above ~2 is usually right).
    public let confidence: Double
}

/// How Tesseract tells ink from paper to find a page's lines and words. The letters are
/// read on the gray image either way (Tesseract's LSTM takes each line from it): the
/// binarisation decides what is found, not how it reads.
public enum Binarisation: Sendable, Equatable {
    /// One Otsu threshold for the whole image: Tesseract's default, the best on even scans.
    case otsu
    /// Sauvola's threshold, set for each pixel from the mean and spread of the third of an
    /// inch around it: a shadow, faded toner or a fax's gray no longer blacken or lose whole
    /// regions. k = 0.5 rather than Tesseract's 0.34 keeps less of a noisy page's paper as
    /// ink: on the poorly read pages of the hard generated sets the summary, signer and type
    /// were read right more often (tried: k from 0.2 to 0.6, windows from 0.2 to 0.6 inch).
    case sauvola

    fileprivate var variables: [(name: String, value: String)] {
        switch self {
        case .otsu: [("thresholding_method", "0")]
        case .sauvola: [("thresholding_method", "2"), ("thresholding_kfactor", "0.5")]
        }
    }
}

/// Words found on one image, boxes in that image's pixel coordinates.
public struct RecognizedText: Sendable {
    public var words: [RecognizedWord]
    /// Tesseract's mean text confidence, 0–100.
    public var meanConfidence: Double
}

/// One Tesseract instance, loaded once and reused: loading `vie` takes longer than
/// recognising a small page. Not thread-safe: use it from one thread at a time, which is
/// what `EnginePool` guarantees.
public final class TesseractEngine: @unchecked Sendable {
    public let language: String
    public let dataPath: String?
    private let api: OpaquePointer
    /// The OSD model is a separate, legacy-engine instance, loaded on first use.
    private var osdAPI: OpaquePointer?

    public init(language: String = "vie", dataPath: String? = nil) throws {
        Leptonica.silence()
        self.language = language
        self.dataPath = dataPath
        api = try Self.makeAPI(language: language, dataPath: dataPath)
        TessBaseAPISetPageSegMode(api, PSM_AUTO)
        // Tesseract's default global Otsu threshold. Measured on 16 corpus pages (normal
        // difficulty): CER 10.5 % with it, 29.3 % with the adaptive Otsu
        // (thresholding_method=1), 14.0 % with Sauvola (=2). Sauvola is kept for a second
        // reading of pages that read poorly (`PageRecognizer.withBetterBinarisation`).
    }

    deinit {
        for handle in [api, osdAPI].compactMap({ $0 }) {
            TessBaseAPIEnd(handle)
            TessBaseAPIDelete(handle)
        }
    }

    private static func makeAPI(language: String, dataPath: String?) throws -> OpaquePointer {
        guard let handle = TessBaseAPICreate() else { throw OCRError.engineInitFailed(language: language, dataPath: dataPath) }
        guard TessBaseAPIInit3(handle, dataPath, language) == 0 else {
            TessBaseAPIDelete(handle)
            throw OCRError.engineInitFailed(language: language, dataPath: dataPath)
        }
        // Tesseract's progress and warnings go to stderr by default; the daemon logs what matters itself.
        _ = TessBaseAPISetVariable(handle, "debug_file", "/dev/null")
        return handle
    }

    func setSegmentation(_ mode: TessPageSegMode) {
        TessBaseAPISetPageSegMode(api, mode)
    }

    private func setBinarisation(_ binarisation: Binarisation) {
        for variable in binarisation.variables {
            _ = TessBaseAPISetVariable(api, variable.name, variable.value)
        }
    }

    /// The only characters to recognise; empty for all.
    func setWhitelist(_ characters: String) {
        _ = TessBaseAPISetVariable(api, "tessedit_char_whitelist", characters)
    }

    /// Which way up the text stands. Nil when OSD finds too little text to decide.
    public func orientation(of image: PageImage, dpi: Int) throws -> OrientationEstimate? {
        let osd: OpaquePointer
        if let existing = osdAPI {
            osd = existing
        } else {
            osd = try Self.makeAPI(language: "osd", dataPath: dataPath)
            TessBaseAPISetPageSegMode(osd, PSM_OSD_ONLY)
            osdAPI = osd
        }
        defer { TessBaseAPIClear(osd) }
        TessBaseAPISetImage2(osd, image.pix)
        TessBaseAPISetSourceResolution(osd, Int32(dpi))
        var degrees: Int32 = 0
        var confidence: Float = 0
        var scriptConfidence: Float = 0
        // The script name is not asked for: despite capi.h's comment, Tesseract 5 hands out
        // a pointer into its own unicharset, and freeing it corrupts the heap.
        guard TessBaseAPIDetectOrientationScript(osd, &degrees, &confidence, nil, &scriptConfidence) != 0 else { return nil }
        // OSD reports how far the text is turned clockwise (a page whose top lies on the right
        // gives 90); turning it upright is the rest of the full turn, clockwise.
        return OrientationEstimate(rotation: (360 - Int(degrees) % 360) % 360, confidence: Double(confidence))
    }

    /// Tesseract's Vietnamese model sometimes emits Icelandic Ð (U+00D0) for Đ (U+0110), even
    /// both for one glyph ("QĐÐ"). Ð does not occur in Vietnamese, so it is always a misread.
    static func cleaned(_ raw: String) -> String {
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.contains("\u{00D0}") else { return text }
        text = text.replacingOccurrences(of: "\u{0110}\u{00D0}", with: "\u{0110}")
            .replacingOccurrences(of: "\u{00D0}\u{0110}", with: "\u{0110}")
            .replacingOccurrences(of: "\u{00D0}", with: "\u{0110}")
        return text
    }

    /// Recognises the words of an upright image (PSM_AUTO: blocks, lines, words), its ink
    /// told from its paper by `binarisation`; the engine then returns to Otsu.
    public func recognize(_ image: PageImage, dpi: Int, binarisation: Binarisation = .otsu) throws -> RecognizedText {
        defer { TessBaseAPIClear(api) }
        if binarisation != .otsu {
            setBinarisation(binarisation)
        }
        defer { if binarisation != .otsu { setBinarisation(.otsu) } }
        TessBaseAPISetImage2(api, image.pix)
        TessBaseAPISetSourceResolution(api, Int32(dpi))
        guard TessBaseAPIRecognize(api, nil) == 0 else {
            throw OCRError.recognitionFailed("Tesseract could not recognise the \(image.width)×\(image.height) page")
        }
        let mean = Double(max(0, TessBaseAPIMeanTextConf(api)))
        guard let iterator = TessBaseAPIGetIterator(api) else {
            return RecognizedText(words: [], meanConfidence: mean)   // nothing on the page
        }
        defer { TessResultIteratorDelete(iterator) }
        let page = TessResultIteratorGetPageIterator(iterator)
        var words: [RecognizedWord] = []
        var block = -1, line = -1
        repeat {
            if TessPageIteratorIsAtBeginningOf(page, RIL_BLOCK) != 0 { block += 1 }
            if TessPageIteratorIsAtBeginningOf(page, RIL_TEXTLINE) != 0 { line += 1 }
            guard let cText = TessResultIteratorGetUTF8Text(iterator, RIL_WORD) else { continue }
            let text = Self.cleaned(String(cString: cText))
            TessDeleteText(cText)
            var left: Int32 = 0, top: Int32 = 0, right: Int32 = 0, bottom: Int32 = 0
            guard !text.isEmpty, TessPageIteratorBoundingBox(page, RIL_WORD, &left, &top, &right, &bottom) != 0 else { continue }
            words.append(RecognizedWord(
                text: text,
                box: PixelBox(x: Int(left), y: Int(top), width: Int(right - left), height: Int(bottom - top)),
                confidence: Double(TessResultIteratorConfidence(iterator, RIL_WORD)),
                block: block, line: line))
        } while TessResultIteratorNext(iterator, RIL_WORD) != 0
        return RecognizedText(words: words, meanConfidence: mean)
    }
}
