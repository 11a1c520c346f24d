/// Keeps the server's folders out of what clients see (a Triton CVE lesson, SERVING.md §6):
/// error messages name files relative to the model repository.
public enum PathRedaction {
    /// `message` with every `<root>/` removed.
    public static func apply(_ message: String, root: String) -> String {
        message.replacingOccurrences(of: root.hasSuffix("/") ? root : root + "/", with: "")
    }
}
