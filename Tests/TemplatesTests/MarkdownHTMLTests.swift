import Testing
@testable import Templates

/// Debian 12's libcmark 0.30.2 in safe mode, fed hostile input.
@Suite struct MarkdownHTMLTests {
    @Test func rendersOrdinaryMarkdown() {
        let html = MarkdownHTML.render("A **bold** fix in `1.1.1g`.\n\n- [advisory](https://www.openssl.org/news/secadv/20200421.txt)")
        #expect(html == "<p>A <strong>bold</strong> fix in <code>1.1.1g</code>.</p>\n<ul>\n<li><a href=\"https://www.openssl.org/news/secadv/20200421.txt\">advisory</a></li>\n</ul>\n")
    }

    @Test func dropsRawHTML() {
        let html = MarkdownHTML.render("<script>alert(1)</script>\n\ntext <img src=x onerror=alert(1)> <b onclick=\"x()\">b</b>\n\n<iframe src=\"https://evil.example\"></iframe>")
        #expect(!html.contains("<script") && !html.contains("<img") && !html.contains("<iframe") && !html.contains("onclick"))
        #expect(html.contains("<!-- raw HTML omitted -->"))
    }

    @Test(arguments: [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](  javascript:alert(1)  )",
        "[x](<javascript:alert(1)>)",
        "<javascript:alert(1)>",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x][r]\n\n[r]: javascript:alert(1)",
        "![x](javascript:alert(1))",
        "[x](file:///etc/passwd)",
    ])
    func dropsDangerousLinkDestinations(markdown: String) {
        let html = MarkdownHTML.render(markdown).lowercased()
        #expect(!html.contains("javascript:") || !html.contains("href=\"javascript"), "\(html)")
        #expect(!html.contains("href=\"javascript:") && !html.contains("src=\"javascript:"), "\(html)")
        #expect(!html.contains("href=\"vbscript:") && !html.contains("href=\"data:") && !html.contains("href=\"file:"), "\(html)")
    }

    @Test func entityEncodedSchemesStayUnclickable() {
        let html = MarkdownHTML.render("[x](&#106;avascript:alert(1)) [y](java&#x09;script:alert(1))")
        #expect(!html.contains("href=\"javascript:"))
        #expect(!html.lowercased().contains("href=\"java\tscript:"))
    }

    @Test func escapesTextAndAttributes() {
        let html = MarkdownHTML.render("[a](https://example.org/\"onmouseover=\"x) 1 < 2 & \"q\"")
        #expect(!html.contains("\"onmouseover"))
        #expect(html.contains("1 &lt; 2 &amp; &quot;q&quot;"))
    }

    @Test func invalidUTF8AndEmptyInput() {
        #expect(MarkdownHTML.render("") == "")
        #expect(MarkdownHTML.render("caf\u{E9} \u{1F600}") == "<p>caf\u{E9} \u{1F600}</p>\n")
    }
}
