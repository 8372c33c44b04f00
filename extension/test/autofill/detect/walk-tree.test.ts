// The detector sees what the user sees in this frame: light DOM and open shadow roots, in document
// order; nothing inside iframes (their own content script classifies them) or closed shadow roots.
import { describe, expect, it } from 'vitest';
import { attachShadowTemplates } from '../../../src/autofill/detect/attach-shadow-templates';
import { classifyDocument } from '../../../src/autofill/detect/classify-document';
import { detectFields } from '../../../src/autofill/detect/detect-fields';
import { collectTree, isControl, walkComposed } from '../../../src/autofill/detect/walk-tree';
import { page } from './page';

describe('collectTree', () => {
  it('lists inputs, selects and textareas in document order, shadow trees at their host', () => {
    const document = page('<input id="a"><x-host id="h"><input id="d"></x-host><textarea id="e"></textarea>');
    const host = document.getElementById('h')!;
    host.attachShadow({ mode: 'open' }).innerHTML = '<select id="b"></select><input id="c">';
    expect(collectTree(document).controls.map((control) => control.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(collectTree(document).shadowRoots).toHaveLength(1);
  });

  it('finds the controls in the order of a full composed walk, however shadow roots nest', () => {
    const document = page(
      '<input id="a"><div id="h1"><input id="l1"><span id="h2"><textarea id="l2"></textarea></span></div>' +
        '<p><select id="s"></select></p><section id="h3"></section><input id="z">',
    );
    const shadow1 = document.getElementById('h1')!.attachShadow({ mode: 'open' });
    shadow1.innerHTML = '<input id="x1"><div id="h4"><input id="x2"></div><slot></slot><input id="x3">';
    shadow1.getElementById('h4')!.attachShadow({ mode: 'open' }).innerHTML = '<input id="y1"><input id="y2">';
    document.getElementById('h2')!.attachShadow({ mode: 'open' }).innerHTML = '<input id="w1">';
    document.getElementById('h3')!.attachShadow({ mode: 'open' }).innerHTML = '<input id="v1">';
    const walked: string[] = [];
    walkComposed(document, (element) => void (isControl(element) && walked.push(element.id)));
    expect(walked).toEqual(['a', 'x1', 'y1', 'y2', 'x2', 'x3', 'l1', 'w1', 'l2', 's', 'v1', 'z']);
    expect(collectTree(document).controls.map((control) => control.id)).toEqual(walked);
    expect(collectTree(document).shadowRoots).toHaveLength(4);
    // From a host, and from a control itself.
    expect(collectTree(document.getElementById('h1')!).controls.map((control) => control.id)).toEqual(walked.slice(1, 9));
    expect(collectTree(document.getElementById('z')!).controls.map((control) => control.id)).toEqual(['z']);
  });

  it('does not enter closed shadow roots', () => {
    const document = page('<x-host id="h"></x-host><input id="a">');
    document.getElementById('h')!.attachShadow({ mode: 'closed' }).innerHTML = '<input id="secret">';
    expect(collectTree(document).controls.map((control) => control.id)).toEqual(['a']);
  });

  it('never descends into iframes', () => {
    const document = page('<iframe id="f"></iframe><input id="a" name="user"><input type="password">');
    const frame = document.getElementById('f') as HTMLIFrameElement;
    frame.contentDocument!.body.innerHTML = '<form><input name="username"><input type="password"></form>';
    expect(classifyDocument(document).map((field) => field.id || field.kind)).toEqual(['a', 'current-password']);
  });

  it('can start from a shadow root or an element', () => {
    const document = page('<div id="outer"><input name="x"></div><div id="box"><input name="user"><input type="password"></div>');
    expect(detectFields(document.getElementById('box')!).map((field) => field.kind)).toEqual(['username', 'current-password']);
  });
});

describe('attachShadowTemplates', () => {
  it('turns declarative shadow DOM into shadow roots, nested ones included', () => {
    const document = page(
      '<a-host><template shadowrootmode="open"><b-host><template shadowrootmode="open"><input id="in"></template></b-host></template></a-host>',
    );
    // parseHtml already attached them; a second pass finds nothing left to do.
    expect(attachShadowTemplates(document)).toBe(0);
    const outer = document.querySelector('a-host')!.shadowRoot!;
    expect(outer.querySelector('b-host')!.shadowRoot!.getElementById('in')).not.toBeNull();
    expect(document.querySelector('template')).toBeNull();
  });

  it('attaches closed templates as closed roots, which detection cannot see', () => {
    const document = page('<x-host><template shadowrootmode="closed"><input></template></x-host>');
    expect(document.querySelector('x-host')!.shadowRoot).toBeNull();
    expect(collectTree(document).controls).toHaveLength(0);
  });
});
