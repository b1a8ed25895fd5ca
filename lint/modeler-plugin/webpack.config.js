const path = require('path');

module.exports = {
  mode: 'production',
  entry: './client/index.js',
  output: {
    path: path.resolve(__dirname, 'dist'),
    filename: 'client.js'
  },
  // processes/.bpmnlintrc lies outside this folder: its compiled imports (bpmnlint, bpmnlint-plugin-zhidu)
  // resolve from this folder's node_modules.
  resolve: {
    modules: [ path.resolve(__dirname, 'node_modules'), 'node_modules' ]
  },
  module: {
    rules: [
      {
        test: /\.bpmnlintrc$/i,
        use: 'bpmnlint-loader'
      }
    ]
  },
  // Readable rule names in the bundle (the test looks for them) and stack traces a developer can follow.
  optimization: {
    minimize: false
  },
  devtool: false,
  performance: {
    hints: false
  }
};
