/// An element of a VTK XML file: name, attributes, children, and the byte range of the text
/// directly inside it (before any child). Only what VTU needs: no namespaces or DTDs.
struct XMLElement {
    var name: String
    var attributes: [String: String]
    var children: [XMLElement] = []
    var text: Range<Int>
    var line: Int

    func child(_ name: String) -> XMLElement? { children.first { $0.name == name } }
    func children(_ name: String) -> [XMLElement] { children.filter { $0.name == name } }

    /// Parses the document at the reader's position. Parsing stops after the start tag of
    /// `<AppendedData>`, whose data (after the `_` marker) is not XML; its offset is returned.
    static func parse(_ input: ByteReader) throws -> (root: XMLElement, appended: Int?) {
        var stack: [XMLElement] = []
        var root: XMLElement?
        func attach(_ element: XMLElement) {
            if stack.isEmpty { root = root ?? element } else { stack[stack.count - 1].children.append(element) }
        }
        while let open = input.find("<") {
            let textStart = input.offset
            input.advance(to: open)
            if let top = stack.last, top.children.isEmpty, top.text.isEmpty { stack[stack.count - 1].text = textStart..<open }
            let line = input.line
            let (special, close) = [("<?", "?>"), ("<!--", "-->"), ("<!", ">")].first { input.starts(with: $0.0) } ?? ("", "")
            if !special.isEmpty {
                guard let end = input.find(close) else { throw input.error("unterminated \(special)", at: .line(line)) }
                input.advance(to: end + close.utf8.count)
                continue
            }
            input.offset += 1
            let closing = input.starts(with: "/")
            if closing { input.offset += 1 }
            let name = try input.xmlName()
            if closing {
                guard let top = stack.popLast(), top.name == name else {
                    throw input.error("closing tag </\(name)> does not match <\(stack.last?.name ?? "")>", at: .line(line))
                }
                attach(top)
                try input.expectXML(">")
                continue
            }
            var attributes: [String: String] = [:]
            while true {
                input.skipSpace()
                if input.starts(with: "/>") || input.starts(with: ">") { break }
                let key = try input.xmlName()
                try input.expectXML("=")
                attributes[key] = try input.xmlQuoted()
            }
            let selfClosing = input.starts(with: "/")
            input.offset += selfClosing ? 2 : 1
            let element = XMLElement(name: name, attributes: attributes, text: input.offset..<input.offset, line: line)
            if selfClosing { attach(element); continue }
            stack.append(element)
            if name == "AppendedData" {
                guard let marker = input.find("_") else { throw input.error("<AppendedData> has no '_' marker", at: .line(line)) }
                while let top = stack.popLast() { attach(top) }
                return (root!, marker + 1)
            }
        }
        if let open = stack.last { throw input.error("unexpected end of file inside <\(open.name)>") }
        guard let root else { throw input.error("no XML element found") }
        return (root, nil)
    }
}

extension ByteReader {
    func starts(with prefix: String) -> Bool {
        let bytes = Array(prefix.utf8)
        return bytes.count <= remaining && bytes.indices.allSatisfy { self[offset + $0] == bytes[$0] }
    }

    func expectXML(_ text: String) throws {
        skipSpace()
        guard starts(with: text) else { throw error("expected '\(text)' in XML") }
        offset += text.utf8.count
    }

    func xmlName() throws -> String {
        skipSpace()
        let start = offset
        while offset < end, !Self.isSpace(self[offset]), !"=/>\"'<".utf8.contains(self[offset]) { offset += 1 }
        guard offset > start else { throw error("expected an XML name") }
        return string(start..<offset)
    }

    func xmlQuoted() throws -> String {
        skipSpace()
        guard offset < end, self[offset] == 34 || self[offset] == 39 else { throw error("expected a quoted XML attribute value") }
        let quote = self[offset]
        let start = offset + 1
        var stop = start
        while stop < end, self[stop] != quote { stop += 1 }
        guard stop < end else { throw error("unterminated XML attribute value") }
        advance(to: stop + 1)
        return string(start..<stop).xmlUnescaped
    }
}

extension String {
    /// The text with `&`, `<`, `>` and `"` escaped for XML text and attribute values.
    var xmlEscaped: String {
        replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// The text with XML's five predefined entities decoded (`&amp;` last).
    var xmlUnescaped: String {
        replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
