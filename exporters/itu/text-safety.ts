// Text that may hold anything a user typed or pasted, made safe for both writers.
//
// XML 1.0 forbids C0 control characters other than tab, line feed and carriage return, lone
// surrogates and U+FFFE/U+FFFF; a .docx containing one will not open. They are replaced
// visibly, never dropped silently: a C0 control becomes its Control Pictures symbol (U+0000 →
// "␀", U+001B → "␛"), anything else becomes U+FFFD. Bidirectional controls are kept; the
// writers isolate runs that contain them (see `hasBidiControl`).

// eslint-disable-next-line no-control-regex
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(text: string): string {
  return text.replace(XML_ILLEGAL, (ch) => {
    const code = ch.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : '\uFFFD';
  });
}

const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** Whether text holds a bidirectional control that could reorder what follows it. */
export function hasBidiControl(text: string): boolean {
  return BIDI_CONTROL.test(text);
}

/** A one-line field (title, designation, series): its line breaks and tabs read as spaces. */
export function oneLine(text: string): string {
  return xmlSafe(text.replace(/[\t\r\n]+/g, ' '));
}
