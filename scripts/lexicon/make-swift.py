#!/usr/bin/env python3
"""Writes Sources/Extraction/AdministrativeLexicon.swift from the word lists beside this script:
compounds.txt (two-syllable words), function_words.txt (words that stand alone) and
grammar_words.txt (those of them never respelt). One entry a line, lower case; run it after
editing a list:  python3 scripts/lexicon/make-swift.py"""
import os, sys, unicodedata
base = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(base, '..', '..', 'Sources', 'Extraction', 'AdministrativeLexicon.swift')
def load(name):
    seen = []
    for line in open(f'{base}/{name}', encoding='utf-8'):
        w = unicodedata.normalize('NFC', line.strip().lower())
        if w and not w.startswith('#') and w not in seen: seen.append(w)
    return seen
compounds = load('compounds.txt'); words = load('function_words.txt')
grammar = [w for w in load('grammar_words.txt') if w in words]
def block(items, per=8):
    lines = []
    for i in range(0, len(items), per):
        lines.append('        ' + ' | '.join(items[i:i+per]))
    return '\n'.join(lines)
src = f'''/// The vocabulary of administrative Vietnamese that `Proofreader` checks a reading against:
/// two-syllable words ({len(compounds)}) and syllables that stand as words alone ({len(words)}).
/// General language, written down from the language itself (the generated corpus's texts were
/// not used: rules fitted to them would not carry over to real mail). Old tone placement for
/// open syllables (hòa, thủy), as `VietnameseText.normalized` writes them.
enum AdministrativeLexicon {{
    /// "tổ chức", "thực hiện", …
    static let compounds: Set<String> = Set(compoundList.split(whereSeparator: {{ $0 == "|" || $0.isNewline }}).map {{ $0.trimmingCharacters(in: .whitespacesAndNewlines) }})

    /// "của", "và", "năm", "đón", "rừng", …
    static let words: Set<String> = Set(wordList.split(whereSeparator: {{ $0 == "|" || $0.isNewline }}).map {{ $0.trimmingCharacters(in: .whitespacesAndNewlines) }})

    /// The words of grammar and the commonest of those words ({len(grammar)}: "của", "trong", "tỉnh"): read
    /// alone, they are never respelt into a neighbour's word ("rừng trong dịp" is no "rừng trồng").
    static let grammar: Set<String> = Set(grammarList.split(whereSeparator: {{ $0 == "|" || $0.isNewline }}).map {{ $0.trimmingCharacters(in: .whitespacesAndNewlines) }})

    /// Every syllable of the lexicon.
    static let syllables: Set<String> = Set(compounds.flatMap {{ $0.split(separator: " ").map(String.init) }}).union(words)

    /// The first syllables of the two-syllable words ("chính" of chính phủ).
    static let firstSyllables: Set<String> = Set(compounds.compactMap {{ $0.split(separator: " ").first.map(String.init) }})

    /// Every syllable of the lexicon by its letters without marks ("to" → tổ, tố, tờ, …).
    static let variants: [String: [String]] = Dictionary(grouping: syllables.sorted(), by: VietnameseText.key)

    /// Abbreviations written in capitals inside running text.
    static let abbreviations: Set<String> = [
        "UBND", "HĐND", "MTTQ", "ĐBQH", "BHXH", "BHYT", "BHTN", "THPT", "THCS", "CNTT", "KT-XH", "KTXH", "CP", "TW", "QLNN",
        "ATGT", "PCCC", "ATTP", "GPMB", "TNHH", "HTX", "BCĐ", "CCHC", "HĐQT", "NSNN", "ODA", "PPP", "WTO", "ASEAN", "COVID",
        "BCH", "ĐH", "CĐ", "TP", "TX", "TT", "VP", "KCN", "KKT", "CCN", "QL", "ĐT", "TL", "PCT", "UBKT", "TTHC", "VBQPPL",
    ]

    private static let compoundList = """
{block(compounds)}
        """

    private static let wordList = """
{block(words, 12)}
        """

    private static let grammarList = """
{block(grammar, 12)}
        """
}}
'''
open(out, 'w', encoding='utf-8').write(src)
print(f'{os.path.normpath(out)}: {len(compounds)} compounds, {len(words)} words')
