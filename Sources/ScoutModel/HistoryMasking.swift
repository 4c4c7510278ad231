/// Hides the values of secret-looking variables in an image's history (`created_by` lines) before they
/// are stored or shown: `ENV DB_PASSWORD=hunter2` becomes `ENV DB_PASSWORD=***`.
///
/// The forms real builders write: BuildKit `ENV A=1 B=2`, `ARG TOKEN=x`, `RUN |2 API_KEY=x B=y /bin/sh -c …`
/// (the build arguments of a RUN), the classic builder's `/bin/sh -c #(nop)  ENV A=1`, shell
/// assignments inside a RUN (`RUN FOO_TOKEN=x make`, `export AWS_SECRET_ACCESS_KEY=…`), flags such as
/// `--password=x`, and the legacy `ENV NAME value` form. A name looks secret, as in Trivy's secret
/// rules, when it contains PASSWORD, PASSWD, PASSPHRASE, SECRET, TOKEN, CREDENTIAL, APIKEY, PRIVATEKEY,
/// ACCESSKEY or AUTHORIZATION, or has a part (between `_`, `-`, `.`) that is KEY, PASS, PWD or AUTH.
public enum HistoryMasking {
    public static let mask = "***"

    /// `line` with every secret-looking variable's value replaced by `***` (quotes included).
    public static func masked(_ line: String) -> String {
        guard line.contains("=") || line.contains("ENV ") || line.contains("ARG ") else { return line }
        var characters = Array(line)
        var index = 0
        while index < characters.count {
            if characters[index] == "=", let nameStart = nameStart(before: index, in: characters),
               isSecretName(String(characters[nameStart..<index])) {
                let end = valueEnd(from: index + 1, in: characters)
                characters.replaceSubrange((index + 1)..<end, with: Array(mask))
                index += 1 + mask.count
                continue
            }
            index += 1
        }
        return maskLegacyForm(String(characters))
    }

    /// True when a variable or flag name looks like it holds a secret.
    public static func isSecretName(_ name: String) -> Bool {
        let upper = name.uppercased()
        let compact = upper.filter { $0 != "_" && $0 != "-" && $0 != "." }
        if substrings.contains(where: compact.contains) { return true }
        let parts = upper.split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == "." })
        // `PWD` alone is the working directory, not a password.
        if upper == "PWD" { return false }
        return parts.contains { wholeParts.contains(String($0)) }
    }

    private static let substrings = ["PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN", "CREDENTIAL",
                                     "APIKEY", "PRIVATEKEY", "ACCESSKEY", "AUTHORIZATION"]
    private static let wholeParts: Set<String> = ["KEY", "PASS", "PWD", "AUTH"]

    /// Where the name that ends just before `equals` starts, when it is a whole word (after the start,
    /// a space, a quote, `;`, `&`, `|`, `(` or a flag's dashes); nil when there is none.
    private static func nameStart(before equals: Int, in characters: [Character]) -> Int? {
        var start = equals
        while start > 0, isNameCharacter(characters[start - 1]) { start -= 1 }
        guard start < equals else { return nil }
        guard start == 0 || " \t\"';&|(".contains(characters[start - 1]) else { return nil }
        // A flag (`--password=`): the name is what follows the dashes.
        while start < equals, characters[start] == "-" { start += 1 }
        return start < equals ? start : nil
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "_" || character == "-" || character == ".")
    }

    /// The end of a value that starts at `start`: past its closing quote when quoted, else at the
    /// next blank, `;` or `&` (shell) or the end of the line.
    private static func valueEnd(from start: Int, in characters: [Character]) -> Int {
        guard start < characters.count else { return start }
        let first = characters[start]
        if first == "\"" || first == "'" {
            var end = start + 1
            while end < characters.count, characters[end] != first {
                if first == "\"", characters[end] == "\\" { end += 1 }
                end += 1
            }
            return min(end + 1, characters.count)
        }
        var end = start
        while end < characters.count, !" \t;&".contains(characters[end]) { end += 1 }
        return end
    }

    /// `ENV NAME value…` and `ARG NAME value…` without `=`: the rest of the line is the value.
    private static func maskLegacyForm(_ line: String) -> String {
        for keyword in ["ENV ", "ARG "] {
            guard let range = line.range(of: keyword) else { continue }
            let rest = line[range.upperBound...].drop(while: { $0 == " " })
            guard let space = rest.firstIndex(of: " ") else { continue }
            let name = rest[..<space]
            guard !name.contains("="), isSecretName(String(name)) else { continue }
            let value = rest[space...].drop(while: { $0 == " " })
            guard !value.isEmpty, value != Substring(mask) else { continue }
            return String(line[..<value.startIndex]) + mask
        }
        return line
    }
}
