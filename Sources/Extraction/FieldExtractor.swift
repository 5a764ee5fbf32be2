import Foundation

/// Reads a Vietnamese administrative document the way a registry clerk does: header
/// fields from the first page, the signer from the last page with a signature block, each
/// field with a confidence and the box it was read from.
public struct FieldExtractor: Sendable {
    public init() {}

    /// - parameters:
    ///   - pages: upright pages in order.
    ///   - inkWords: per page number, words read from the coloured-ink layer (stamps).
    ///   - arrival: the day the document arrived: it cannot be dated later.
    ///   - rereads: words of a second pass over doubtful regions (`rereadRequests`).
    public func extract(pages: [LayoutPage], inkWords: [Int: [LayoutWord]] = [:], rereads: [Reread] = [],
                        arrival: DateComponents? = nil) -> ExtractedFields {
        guard let first = pages.first else { return ExtractedFields() }
        let texts = pages.map(PageText.init)
        let page1 = texts[0]
        var out = ExtractedFields()
        func rereadPages(_ purpose: RegionRequest.Purpose) -> [LayoutPage] {
            rereads.filter { $0.purpose == purpose }.compactMap { r in
                pages.first { $0.number == r.page }.map { page in
                    LayoutPage(number: page.number, width: page.width, height: page.height, dpi: page.dpi, words: r.words)
                }
            }
        }
        func rereadPage(_ purpose: RegionRequest.Purpose) -> LayoutPage? { rereadPages(purpose).first }
        func reread(_ purpose: RegionRequest.Purpose) -> PageText? { rereadPage(purpose).map(PageText.init) }

        // Number and symbol: the page pass and the second looks at the line, the header (read
        // down to the number line, on black print alone) and the marks zone.
        let reader = NumberReader()
        var number = NumberReader.best(
            lineReadings: ([page1] + (rereadPages(.numberLine) + rereadPages(.header)).map(PageText.init)).compactMap(reader.read),
            zoneReading: reread(.marks).flatMap(reader.read))
        if let digits = rereads.first(where: { $0.purpose == .numberDigits && $0.page == first.number }), !digits.words.isEmpty {
            number = NumberReader.reading(number, withDigits: digits.words, on: page1)
        }
        if let number {
            out[FieldName.soKyHieu] = ExtractedField(value: number.full, confidence: number.quality, page: first.number, box: number.line.box)
            out[FieldName.so] = ExtractedField(value: number.number, confidence: number.quality, page: first.number, box: number.line.box)
            out[FieldName.kyHieu] = ExtractedField(value: number.symbol, confidence: number.quality, page: first.number, box: number.line.box)
        }

        // Place and date.
        var date = DateReader().read(page1, latest: arrival, row: number?.line.box.midY)
            ?? DateReader().read(page1, latest: arrival)
        if let again = reread(.dateLine).flatMap({ DateReader().read($0, latest: arrival) }), again.quality > (date?.quality ?? 0) {
            date = again
        }
        let day = rereads.first { $0.purpose == .dayDigits }, month = rereads.first { $0.purpose == .monthDigits }
        if date == nil, let day, let month {
            date = DateReader.fromBlanks(page1, day: day.words, month: month.words, latest: arrival)
        } else if let reading = date, day != nil || month != nil {
            date = DateReader.withBlanksRead(reading, day: day?.words ?? [], month: month?.words ?? [], latest: arrival)
        }
        if let date {
            out[FieldName.ngayVanBan] = ExtractedField(value: date.isoDate, confidence: date.quality, page: first.number, box: date.line.box)
            if let place = date.place {
                out[FieldName.diaDanh] = ExtractedField(value: place, confidence: date.quality, page: first.number, box: date.line.box)
            }
        }

        // Agencies: above the number line, with the ĐẾN stamp (often stamped over them) cut out.
        let marks = MarkReader().read(page1, inkWords: (inkWords[first.number] ?? []) + (rereads.first { $0.purpose == .marks }?.words ?? []),
                                      frames: rereads.filter { $0.purpose == .markFrame && $0.page == first.number })
        let headerPage = marks.arrivalStamp.map { Self.without(stampAt: $0, from: first) }.map(PageText.init) ?? page1
        let headerBottom = number.map { Double($0.line.box.y) } ?? date.map { Double($0.line.box.y) }
        var header = HeaderReader().read(headerPage, above: headerBottom, symbol: number?.symbol)
        // The header read again without the coloured stamps: taken when it reads better.
        if let again = rereadPage(.header).flatMap({ page in
            HeaderReader().read(PageText(marks.arrivalStamp.map { Self.without(stampAt: $0, from: page) } ?? page),
                                above: headerBottom, symbol: number?.symbol)
        }) {
            // Two readings that differ in tone marks alone ("TÂN PHONG", "TẤN PHONG"): either may
            // be the misread one, for a person to check.
            let letters = { (name: String) in VietnameseText.normalized(name).filter(\.isLetter) }
            let marksDiffer = header.map {
                VietnameseText.key($0.agency) == VietnameseText.key(again.agency) && letters($0.agency) != letters(again.agency)
            } ?? false
            if again.quality > (header?.quality ?? 0) { header = again }
            if marksDiffer, var reading = header {
                reading.quality = min(reading.quality, 0.9)
                header = reading
            }
        }
        if let read = number, NumberReader.symbol(read.symbol, looksCutShortUnder: header?.agency) {
            Self.doubtNumber(atMost: 0.8, in: &out)
        }
        // A name with words lost where the domain leaves one reading, completed in turn: a
        // department's or ministry's sector from the symbol's initials (all of its name, when
        // what was read names no body or only the sector's words), a People's Committee's
        // first words under a UBND symbol, its unit or its province's last word. For a person
        // to check.
        if var reading = header {
            let abbreviations = number.map { HeaderReader.agencyAbbreviations(in: $0.symbol) } ?? []
            let completions: [(String) -> String?] = [
                { name in abbreviations.lazy.compactMap { AgencyName.completed(name, abbreviation: $0) }.first },
                { name in
                    HeaderReader.agencyKindLength(name.split(separator: " ").map(String.init)) == nil
                        ? abbreviations.lazy.compactMap(AgencyName.named(by:)).first : nil
                },
                { name in abbreviations.lazy.compactMap { AgencyName.fromSectorWords(name, abbreviation: $0) }.first },
                AgencyName.completingSector,
                { name in abbreviations.lazy.compactMap { AgencyName.office(name, abbreviation: $0) }.first },
                AgencyName.withoutStampWord,
                { AgencyName.withCommittee($0, abbreviations: abbreviations) },
                { AgencyName.committee($0, place: date?.place, abbreviations: abbreviations) },
                { AgencyName.completingPlace($0, place: date?.place) },
                { AgencyName.completingBranch($0, place: date?.place) },
                { AgencyName.spellingPlace($0, place: date?.place) },
                AgencyName.completingProvince,
            ]
            for complete in completions {
                guard let completed = complete(reading.agency) else { continue }
                // The words it gains may bring a known phrase's marks back ("TỈNH BÁC NINH").
                reading.agency = AgencyName.restore(completed)
                reading.quality = min(reading.quality, 0.9)
            }
            // The sender named by the symbol's initials, where the header gave another: the
            // People's Committee read alone is the parent of the department the symbol names
            // (its line lost under a stamp); a name of other initials is the ĐẾN stamp's
            // agency, the receiver's, read for the header. For a person to check.
            // Departments only: a B may be a ministry's (BỘ) or a board's (BAN); and not from
            // initials cut short ("ST" of STTTT).
            if let abbreviation = abbreviations.first, abbreviation.count >= 3, abbreviation.hasPrefix("S"),
               let named = AgencyName.named(by: abbreviation), HeaderReader.initials(of: reading.agency) != abbreviation {
                if reading.parent == nil, AgencyName.peoplesBody(reading.agency) == "UBND" {
                    reading.parent = reading.agency
                }
                reading.agency = named
                reading.quality = min(reading.quality, 0.6)
            }
            header = reading
        }
        // The symbol repaired where the domain leaves one reading, for a person to check: its
        // last part as the file copy's line spells it (`Lưu: VT, KGVX`), a part one letter off
        // the agency's initials (or off UBND), a hyphen OCR lost between parts it knows, a type
        // part's lost small letter (TT-UBND).
        let noiNhan = RecipientsReader().readNoiNhan(texts)
        let filedUnits = RecipientsReader.filedUnits(in: noiNhan?.items ?? [])
        // A ministry's or department's initials name it exactly: they outweigh two readings
        // that agree on a misread ("SINMT" in the symbol and on the file copy's line).
        let initialsKnown = header.map { AgencyName.named(by: HeaderReader.initials(of: $0.agency)) == $0.agency } ?? false
        let repairs: [(String) -> String?] = [
            { NumberReader.symbol($0, agreeingWithFiledUnits: filedUnits, agency: header?.agency) },
            { NumberReader.symbol($0, agreeingWithInitialsOf: header?.agency, parent: header?.parent, confirmedBy: initialsKnown ? [] : filedUnits) },
            { NumberReader.symbol($0, separatingPartsUnder: header?.agency) },
            NumberReader.symbol(spellingBodysInitials:),
            NumberReader.symbol(restoringSmallLetterOf:),
            { NumberReader.symbol($0, completedUnder: header?.agency) },
        ]
        for repair in repairs {
            guard let read = number, let repaired = repair(read.symbol) else { continue }
            Self.setSymbol(repaired, of: &number, in: &out)
            Self.doubtNumber(atMost: 0.85, in: &out)
        }
        if let header {
            if let read = number, let trimmed = NumberReader.symbol(read.symbol, endingWithInitialsOf: header.agency) {
                Self.setSymbol(trimmed, of: &number, in: &out)
            }
            let box = Box.union(header.agencyLines.map(\.box))
            out[FieldName.coQuanBanHanh] = ExtractedField(value: header.agency, confidence: header.quality, page: first.number, box: box)
            out[FieldName.coQuanChuQuan] = ExtractedField(
                value: header.parent, confidence: header.quality, page: first.number,
                box: header.parent == nil ? nil : header.lines.first?.box)
            // A place cut to one word of the province the header names ("Biên" under … TỈNH
            // ĐIỆN BIÊN): that province, where a provincial body dates its documents.
            if let place = date?.place, var field = out[FieldName.diaDanh],
               let whole = AgencyName.province(endingOrStarting: place, in: [header.agency, header.parent].compactMap { $0 }) {
                field.value = whole
                field.confidence = min(field.confidence, 0.8)
                out[FieldName.diaDanh] = field
            }
        }

        // Type and summary.
        let titleTop = (number?.line.box.maxY ?? date?.line.box.maxY).map(Double.init) ?? page1.height * 0.12
        var type: DocumentType?
        // The summary's zone read again on black print alone (a stamp over it), its words in
        // place of the page's there.
        let summaryPage = rereads.first(where: { $0.purpose == .summary && $0.page == first.number })
            .flatMap { again in again.region.map { PageText(Self.replacing($0, of: first, with: again.words)) } }
        let headingTop = titleTop - page1.height * 0.01
        let titleAgain = summaryPage.flatMap { TitleReader().read($0, below: headingTop) }
        if let title = TitleReader().read(page1, below: headingTop) ?? titleAgain {
            type = title.type
            // A type part one letter off the heading's abbreviation ("Bđ-UBND" under BÁO CÁO).
            if let read = number, let repaired = NumberReader.symbol(read.symbol, agreeingWith: title.type) {
                Self.setSymbol(repaired, of: &number, in: &out)
            }
            var quality = title.headingQuality
            // The symbol's type part must agree with the heading.
            if let symbol = number?.symbol {
                let fromSymbol = DocumentType.forSymbol(symbol)
                if fromSymbol == title.type || (fromSymbol == nil && title.type == .congVan) { quality = min(1, quality + 0.15) } else { quality *= 0.5 }
            }
            out[FieldName.loaiVanBan] = ExtractedField(value: title.type.name, confidence: quality, page: first.number, box: title.headingLine?.box)
            var summary = title
            // The second look is taken when it reads better.
            if let reading = titleAgain, reading.summary != nil, title.summary == nil || reading.summaryQuality > title.summaryQuality {
                summary = reading
            }
            if let text = summary.summary {
                out[FieldName.trichYeu] = Self.summaryField(text, quality: summary.summaryQuality, page: first.number,
                                                            box: Box.union(summary.summaryLines.map(\.box)))
            }
        } else {
            // No heading and no V/v read: the symbol still tells the type — a Công văn's starts
            // with the agency, not with a type abbreviation. With no symbol either, a summary
            // under the number's row makes it the one type printed without a heading, the Công
            // văn: for a person to check.
            let fromSymbol = number.map { DocumentType.forSymbol($0.symbol) ?? .congVan }
            let assumed = fromSymbol ?? .congVan
            // Its summary: a Công văn's under the number, a titled document's under its lost
            // heading; the second look taken when it reads better, as under a heading.
            let read = { (page: PageText) in
                assumed == .congVan ? TitleReader().readUnlabelled(page, below: titleTop)
                    : TitleReader().readAbout(page, below: titleTop, type: assumed)
            }
            let unheaded = [page1, summaryPage].compactMap { $0 }.compactMap(read).filter { $0.summary != nil }
                .max { $0.summaryQuality < $1.summaryQuality }
            if fromSymbol != nil || unheaded != nil {
                type = assumed
                out[FieldName.loaiVanBan] = ExtractedField(value: assumed.name, confidence: fromSymbol == nil ? 0.4 : 0.5,
                                                           page: first.number, box: number?.line.box)
            }
            if let unheaded, let summary = unheaded.summary {
                let quality = fromSymbol == nil ? min(unheaded.summaryQuality, 0.5) : unheaded.summaryQuality
                out[FieldName.trichYeu] = Self.summaryField(summary, quality: quality, page: first.number,
                                                            box: Box.union(unheaded.summaryLines.map(\.box)))
            }
        }
        _ = type

        // Signature block.
        var signatureReading = SignatureReader().read(texts)
        // The block read on its own: usually better under the seal and the handwriting.
        if let again = reread(.signature).flatMap({ SignatureReader().read($0, wholePage: true) }) {
            if var current = signatureReading {
                if again.position != nil, again.positionQuality >= current.positionQuality || current.position == nil {
                    current.position = again.position
                    current.authority = again.authority
                    current.positionLine = again.positionLine
                    current.positionQuality = again.positionQuality
                }
                if let name = SignatureReader.merged(current, again) {
                    current.name = name
                    current.nameQuality = min(current.nameQuality, again.nameQuality)
                } else if let fuller = SignatureReader.fuller(current, again) {
                    // A syllable one reading lost and the other has: the whole name.
                    current.name = fuller.name
                    current.nameLine = fuller.nameLine
                    current.nameQuality = min(current.nameQuality, again.nameQuality)
                } else if again.name != nil, current.name == nil || again.nameQuality >= current.nameQuality {
                    current.name = again.name
                    current.nameLine = again.nameLine
                    current.nameQuality = again.nameQuality
                }
                signatureReading = current
            } else {
                signatureReading = again
            }
        }
        if let signature = signatureReading {
            out[FieldName.chucVu] = ExtractedField(value: signature.position, confidence: signature.positionQuality,
                                                   page: signature.page, box: signature.positionLine?.box)
            out[FieldName.quyenHanKy] = ExtractedField(value: signature.authority, confidence: signature.positionQuality,
                                                       page: signature.page, box: signature.positionLine?.box)
            out[FieldName.nguoiKy] = ExtractedField(value: signature.name, confidence: signature.nameQuality,
                                                    page: signature.page, box: signature.nameLine?.box ?? signature.blockBox)
        }

        // Nơi nhận, Kính gửi.
        let recipients = RecipientsReader()
        if let noiNhan {
            out[FieldName.noiNhan] = ExtractedField(value: nil, values: noiNhan.items, confidence: noiNhan.quality,
                                                    page: noiNhan.page, box: noiNhan.box)
        }
        if let (kinhGui, line) = recipients.readKinhGui(page1) {
            out[FieldName.kinhGui] = ExtractedField(value: kinhGui, confidence: line.meanConfidence / 100, page: first.number, box: line.box)
        }

        // Marks and the arrival stamp.
        out[FieldName.doKhan] = marks.urgency.map { ExtractedField(value: $0.value, confidence: $0.quality, page: first.number, box: $0.box) }
            ?? ExtractedField(value: nil, confidence: 0.95)
        if let secrecy = marks.secrecy {
            out[FieldName.doMat] = ExtractedField(value: secrecy.value, confidence: secrecy.quality, page: first.number, box: secrecy.box)
        } else {
            out[FieldName.doMat] = ExtractedField(value: nil, confidence: marks.secrecyDoubt ? 0.3 : 0.95)
        }
        out[FieldName.hasArrivalStamp] = ExtractedField(
            value: marks.arrivalStamp == nil ? "false" : "true", confidence: 0.9, page: first.number, box: marks.arrivalStamp)
        return out
    }

    /// The page with the words inside `region` replaced by those a second look read there.
    /// The second look's lines are numbered apart from the page's. A page word the region's
    /// edge cuts through stays as the page read it, and what the second look read over it
    /// goes, unless read surer: it saw only part of the word (the heading's "ĐỊNH", its lower
    /// half, read "(4U XE | ĐINH"). Nor does a page word left in place get a second reading
    /// beside it (a heading above the region read again).
    static func replacing(_ region: Box, of page: LayoutPage, with words: [LayoutWord]) -> LayoutPage {
        let offset = (page.words.map(\.line).max() ?? 0) + 1
        let kept = page.words.filter { word in
            guard region.containsCentre(of: word.box) else { return true }
            return region.cuts(word.box)
                && !words.contains { $0.box.overlapsLine(of: word.box) && $0.confidence > word.confidence }
        }
        let added = words.filter { word in !kept.contains { $0.box.overlapsLine(of: word.box) } }
        var merged = page
        merged.words = kept + added.map { word in
            var w = word
            w.line += offset
            return w
        }
        return merged
    }

    /// The summary as the language reads it (`Proofreader`): a mark OCR got wrong where one
    /// word fits put right; any word the vocabulary does not confirm makes it doubtful, at
    /// most 0.9, however confidently OCR read it.
    static func summaryField(_ text: String, quality: Double, page: Int, box: Box?) -> ExtractedField {
        let proofread = Proofreader().read(text)
        let confidence = proofread.unconfirmed.isEmpty ? quality : min(quality, 0.9)
        return ExtractedField(value: proofread.text, confidence: confidence, page: page, box: box)
    }

    /// A repaired symbol, in the reading and in the fields read from it.
    static func setSymbol(_ symbol: String, of number: inout NumberReader.Reading?, in out: inout ExtractedFields) {
        guard let read = number else { return }
        out[FieldName.kyHieu]?.value = symbol
        out[FieldName.soKyHieu]?.value = read.number + "/" + symbol
        number?.symbol = symbol
    }

    /// The number's fields (number and symbol, and each alone) no surer than `limit`.
    static func doubtNumber(atMost limit: Double, in out: inout ExtractedFields) {
        for field in [FieldName.soKyHieu, FieldName.so, FieldName.kyHieu] {
            let confidence = out[field]?.confidence ?? 0
            out[field]?.confidence = min(confidence, limit)
        }
    }

    /// The page without the words of the arrival stamp: a 50 × 35 mm rectangle whose second
    /// line is the word ĐẾN (Nghị định 30, Phụ lục IV). Printed text under the stamp stays:
    /// the stamp's own words are smaller, or garbled where the two inks cross.
    static func without(stampAt den: Box, from page: LayoutPage) -> LayoutPage {
        let mm = Double(max(page.dpi, 100)) / 25.4
        let width = 52 * mm, height = 36 * mm
        let minX = den.midX - width / 2, minY = Double(den.y) - 8 * mm
        let heights = page.words.map(\.box.height).sorted()
        let typical = Double(heights.isEmpty ? 0 : heights[heights.count / 2])
        var cleaned = page
        cleaned.words = page.words.filter { w in
            let inside = w.box.midX > minX && w.box.midX < minX + width && w.box.midY > minY && w.box.midY < minY + height
            let stampLike = w.confidence < 75 || Double(w.box.height) < typical * 0.85
            return !(inside && stampLike)
        }
        return cleaned
    }
}
