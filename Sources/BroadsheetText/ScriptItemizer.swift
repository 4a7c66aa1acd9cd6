import CHarfBuzz

/// Splits a paragraph into runs of one script. Punctuation and digits (script Common) take
/// the script of the text around them: HarfBuzz applies `locl` only for the run's script,
/// and a run of ，“” tagged Common would get the Japanese forms of Noto CJK.
enum ScriptItemizer {
    // HarfBuzz's own constants: literals, so reading them in the per-character loops costs
    // no lazy-initialisation check (computed tags did, ~2% of shaping).
    static let han = HB_SCRIPT_HAN
    static let common = HB_SCRIPT_COMMON
    static let inherited = HB_SCRIPT_INHERITED
    static let unknown = HB_SCRIPT_UNKNOWN
    static let hiragana = HB_SCRIPT_HIRAGANA
    static let katakana = HB_SCRIPT_KATAKANA
    static let bopomofo = HB_SCRIPT_BOPOMOFO

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
