import CHarfBuzz

/// Splits a paragraph into runs of one script. Punctuation and digits (script Common) take
/// the script of the text around them: HarfBuzz applies `locl` only for the run's script,
/// and a run of ，“” tagged Common would get the Japanese forms of Noto CJK.
enum ScriptItemizer {
    static let han = hb_script_t(rawValue: HarfBuzzFont.tag("Hani"))
    static let common = hb_script_t(rawValue: HarfBuzzFont.tag("Zyyy"))
    static let inherited = hb_script_t(rawValue: HarfBuzzFont.tag("Zinh"))
    static let unknown = hb_script_t(rawValue: HarfBuzzFont.tag("Zzzz"))
    static let hiragana = hb_script_t(rawValue: HarfBuzzFont.tag("Hira"))
    static let katakana = hb_script_t(rawValue: HarfBuzzFont.tag("Kana"))
    static let bopomofo = hb_script_t(rawValue: HarfBuzzFont.tag("Bopo"))

    /// One resolved script per scalar.
    static func scripts(of scalars: [UInt32]) -> [hb_script_t] {
        let funcs = hb_unicode_funcs_get_default()
        var raw = scalars.map { hb_unicode_script(funcs, $0) }
        // Kana and bopomofo sit in Han text in Chinese papers; one run keeps shaping whole.
        for i in raw.indices where raw[i] == hiragana || raw[i] == katakana || raw[i] == bopomofo {
            raw[i] = han
        }
        func isWeak(_ s: hb_script_t) -> Bool { s == common || s == inherited || s == unknown }
        // Before any strong script: take the first strong one that follows (Han if none).
        let firstStrong = raw.first(where: { !isWeak($0) }) ?? han
        var last = firstStrong
        for i in raw.indices {
            if isWeak(raw[i]) {
                raw[i] = last
            } else {
                last = raw[i]
            }
        }
        return raw
    }
}
