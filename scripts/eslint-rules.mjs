// Keyhold's own ESLint rules (plugin "keyhold", used by eslint.config.js).
//
// no-hardcoded-ui-text: every word the user reads comes from the message catalogue
// (docs/architecture.md, "Strings and locales"), so literal text is an error where the UI shows it:
// JSX text, string literals rendered as JSX children (also inside `a ? 'x' : 'y'` and `a && 'x'`),
// the attributes a screen reader or a tooltip reads (aria-label, title, placeholder, alt, …), and the
// message of a toast (`app.toast('…')` or `toast('…')`, in .ts files too: toasts are raised from hooks).
// Allowed, because no language changes them: text without letters (symbols, digits, "·", "—", "…")
// the brand name and example addresses ("https://example.com"). Text the rule cannot see (strings built in .ts files and painted later) is
// covered by review; this catches the common case, a new screen written with English in it.

/** Attributes whose value a user reads or hears. */
const TEXT_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-placeholder',
  'aria-roledescription',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  // Props of Keyhold's own components that become such text (TextField's label and hint, TopBar's
  // back label, …).
  'label',
  'hint',
  'backLabel',
  'heading',
  'text',
]);

/** Text no translation changes: the brand name, and its initial in the brand mark. */
const ALLOWED = new Set(['Keyhold', 'K']);

const hasLetters = (text) => /\p{L}/u.test(text);
/** An example address in a placeholder ("https://example.com") is the same in every language. */
const isExampleUrl = (text) => /^[a-z]+:\/\/\S*$/.test(text.trim());
const isAllowed = (text) => !hasLetters(text) || ALLOWED.has(text.trim()) || isExampleUrl(text);

/** The string literals an expression can evaluate to, as far as they are visible in the source. */
function literalStrings(node) {
  if (!node) return [];
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'string' ? [{ node, text: node.value }] : [];
    case 'TemplateLiteral':
      return node.quasis.map((quasi) => ({ node: quasi, text: quasi.value.cooked ?? '' }));
    case 'ConditionalExpression':
      return [...literalStrings(node.consequent), ...literalStrings(node.alternate)];
    case 'LogicalExpression':
      return [...literalStrings(node.left), ...literalStrings(node.right)];
    case 'BinaryExpression':
      return node.operator === '+' ? [...literalStrings(node.left), ...literalStrings(node.right)] : [];
    case 'TSAsExpression':
      return literalStrings(node.expression);
    default:
      return [];
  }
}

/** `toast(…)` or `anything.toast(…)`: its first argument is the message the user reads. */
const isToastCall = (callee) =>
  (callee.type === 'Identifier' && callee.name === 'toast') ||
  (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && callee.property.name === 'toast');

const noHardcodedUiText = {
  meta: {
    type: 'problem',
    docs: { description: 'User-visible text comes from the i18n catalogue (t()/tp()), not from literals.' },
    schema: [],
    messages: {
      text: 'Hard-coded UI text "{{text}}": add it to extension/public/_locales/en/messages.json and use t() (docs/architecture.md, "Strings and locales").',
    },
  },
  create(context) {
    const report = (node, text) => {
      if (isAllowed(text)) return;
      context.report({ node, messageId: 'text', data: { text: text.trim().slice(0, 40) } });
    };
    return {
      JSXText(node) {
        report(node, node.value);
      },
      JSXExpressionContainer(node) {
        const parent = node.parent;
        if (parent?.type === 'JSXElement' || parent?.type === 'JSXFragment') {
          for (const found of literalStrings(node.expression)) report(found.node, found.text);
        }
      },
      CallExpression(node) {
        if (!isToastCall(node.callee)) return;
        for (const found of literalStrings(node.arguments[0])) report(found.node, found.text);
      },
      JSXAttribute(node) {
        const name = node.name.type === 'JSXIdentifier' ? node.name.name : null;
        if (!name || !TEXT_ATTRIBUTES.has(name) || !node.value) return;
        if (node.value.type === 'Literal') report(node.value, String(node.value.value));
        else if (node.value.type === 'JSXExpressionContainer')
          for (const found of literalStrings(node.value.expression)) report(found.node, found.text);
      },
    };
  },
};

export default { meta: { name: 'keyhold' }, rules: { 'no-hardcoded-ui-text': noHardcodedUiText } };
