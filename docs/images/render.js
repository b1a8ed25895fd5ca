// Renders BPMN diagrams to PNG for the guides with bpmn-js (the renderer Camunda Modeler uses) in headless
// Chromium. Not part of the build; run it by hand after changing a diagram and commit the PNGs:
//
//   npm install --prefix /tmp/bpmn-render bpmn-js playwright-core
//   NODE_PATH=/tmp/bpmn-render/node_modules node docs/images/render.js
//
// CHROMIUM: the browser to drive (default /usr/bin/chromium); a CJK font (e.g. fonts-wqy-zenhei) must be installed.
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const root = path.resolve(__dirname, '..', '..');
const viewer = require.resolve('bpmn-js/dist/bpmn-viewer.production.min.js');
const assets = path.join(path.dirname(viewer), 'assets');

const diagrams = [
  { bpmn: 'processes/report-approval.bpmn', png: 'docs/images/report-approval.png' },
  { bpmn: 'processes/sales-contract.bpmn', png: 'docs/images/sales-contract.png' }
];

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [ '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run' ]
  });
  try {
    for (const diagram of diagrams) {
      const page = await browser.newPage({ viewport: { width: 2400, height: 1200 }, deviceScaleFactor: 1 });
      await page.setContent(`<!doctype html><html><head><meta charset="utf-8">
        <style>${fs.readFileSync(path.join(assets, 'diagram-js.css'), 'utf8')}
          ${fs.readFileSync(path.join(assets, 'bpmn-js.css'), 'utf8')}
          html, body { margin: 0; background: white; font-family: 'WenQuanYi Zen Hei', sans-serif; }
          #canvas { width: 2400px; height: 1200px; }
          .djs-container svg text { font-family: 'WenQuanYi Zen Hei', Arial, sans-serif !important; }
        </style></head><body><div id="canvas"></div></body></html>`);
      await page.addScriptTag({ path: viewer });
      const xml = fs.readFileSync(path.join(root, diagram.bpmn), 'utf8');
      // Import, then size the page to the drawing at scale 1 with a margin, so nothing is cut off.
      const size = await page.evaluate(async (xml) => {
        const bpmnViewer = new window.BpmnJS({ container: '#canvas' });
        const { warnings } = await bpmnViewer.importXML(xml);
        if (warnings.length) {
          throw new Error('import warnings: ' + warnings.map(w => w.message).join('; '));
        }
        window.bpmnViewer = bpmnViewer;
        const inner = bpmnViewer.get('canvas').viewbox().inner;
        return { x: inner.x - 30, y: inner.y - 30, width: Math.ceil(inner.width + 60), height: Math.ceil(inner.height + 60) };
      }, xml);
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.evaluate((size) => {
        document.getElementById('canvas').style.width = size.width + 'px';
        document.getElementById('canvas').style.height = size.height + 'px';
        const canvas = window.bpmnViewer.get('canvas');
        canvas.resized();
        canvas.viewbox(size);
      }, size);
      await page.screenshot({ path: path.join(root, diagram.png) });
      await page.close();
      console.log('wrote', diagram.png);
    }
  } finally {
    await browser.close();
  }
})().catch(error => {
  console.error(error);
  process.exit(1);
});
