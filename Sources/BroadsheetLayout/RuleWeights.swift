/// Line weights of page furniture, in points. Chinese dailies separate stories with light
/// 正线 rules and set the masthead and running head off with a thick-thin pair (文武线).
enum RuleWeight {
    /// Rules between stories, box frames, the masthead's divider: the usual 0.5-pt 正线.
    static let story = 0.5
    /// Hairline frame around an ad: visible on newsprint, lighter than a story rule.
    static let hairline = 0.25
    /// The thick line of a thick-thin (文武线) pair under the masthead and the running head.
    static let thick = 2.0
    static let headerThick = 1.5
    /// The thin line of that pair.
    static let thin = 0.4
    /// Gap between the two lines of a double or thick-thin rule.
    static let pairGap = 1.5
}
