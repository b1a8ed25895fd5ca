'use strict';

// Camunda Modeler plugin descriptor: Modeler loads dist/client.js (built by `npm run build`) into its client.
module.exports = {
  name: 'Zhidu lint rules',
  script: './dist/client.js'
};
