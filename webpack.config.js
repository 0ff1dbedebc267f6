/* Builds the Excel task pane (taskpane.html), the ribbon's function file (commands.html), the
 * browser preview (preview.html) and the check worker; copies the ES5 start-up check (boot.js),
 * the icons and the manifest, whose https://localhost:3000/ becomes the production URL
 * (VR_PUBLIC_URL) in a production build, as the official Office add-in template does.
 * Exports [pane, ...inbox]: the inbox pages (webpack.inbox.js, helper W) build alongside. */
'use strict';
const fs = require('fs');
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const urlDev = 'https://localhost:3000/';
const urlProd = process.env.VR_PUBLIC_URL || 'https://vr.example.gov.vn/pane/';
const port = Number(process.env.npm_package_config_dev_server_port || process.env.PORT || 3000);

/** Office desktop needs https; the preview works on plain http. When office-addin-dev-certs has
 *  made certificates, one port answers both: the first byte of a TLS connection is 0x16. */
function devServerType() {
  let certs = null;
  try {
    const defaults = require('office-addin-dev-certs/lib/defaults');
    if (fs.existsSync(defaults.localhostCertificatePath) && fs.existsSync(defaults.localhostKeyPath)) {
      certs = {
        ca: fs.readFileSync(defaults.caCertificatePath),
        cert: fs.readFileSync(defaults.localhostCertificatePath),
        key: fs.readFileSync(defaults.localhostKeyPath),
      };
    }
  } catch {
    certs = null;
  }
  if (!certs || process.env.VR_HTTP_ONLY) return 'http';
  return (_options, app) => {
    const net = require('net');
    const http = require('http');
    const https = require('https');
    const plain = http.createServer(app);
    const secure = https.createServer(certs, app);
    const front = net.createServer((socket) => {
      socket.once('data', (first) => {
        socket.pause();
        socket.unshift(first);
        (first[0] === 0x16 ? secure : plain).emit('connection', socket);
        process.nextTick(() => socket.resume());
      });
    });
    for (const inner of [plain, secure]) inner.on('upgrade', (...args) => front.emit('upgrade', ...args));
    return front;
  };
}

function page(name, chunks, title) {
  return new HtmlWebpackPlugin({
    filename: `${name}.html`,
    template: path.resolve(__dirname, `src/taskpane/${name === 'preview' ? '../preview/preview' : name}.html`),
    chunks,
    // boot.js decides whether to load the bundles (an old webview gets a plain explanation).
    inject: false,
    title,
  });
}

function paneConfig(env, argv) {
  const dev = argv.mode !== 'production';
  return {
    name: 'pane',
    devtool: dev ? 'source-map' : false,
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/taskpane/commands.ts',
      preview: './src/preview/index.tsx',
      'check.worker': './src/taskpane/check.worker.ts',
    },
    output: {
      path: path.resolve(__dirname, 'dist/pane'),
      // The worker keeps a fixed name: the pane starts it by URL (check.worker.js).
      filename: (data) => (dev || data.chunk.name === 'check.worker' ? '[name].js' : '[name].[contenthash:8].js'),
      chunkFilename: dev ? '[name].js' : '[name].[contenthash:8].js',
      clean: true,
      publicPath: 'auto',
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js'],
      // exceljs's browser build (the preview makes .xlsx bytes in the browser, loaded lazily).
      alias: { exceljs$: path.resolve(__dirname, 'node_modules/exceljs/dist/exceljs.min.js') },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            // ES modules so dynamic import() splits panels into lazy chunks; types are checked
            // by `npm run typecheck`.
            options: { transpileOnly: true, compilerOptions: { module: 'esnext', noEmit: false, sourceMap: dev } },
          },
        },
      ],
    },
    optimization: {
      splitChunks: {
        chunks: (chunk) => chunk.name !== 'check.worker',
        cacheGroups: {
          react: { test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, name: 'react', priority: 20 },
        },
      },
    },
    performance: { hints: false },
    plugins: [
      page('taskpane', ['taskpane'], 'Sổ theo dõi nạn nhân'),
      page('commands', ['commands'], 'Sổ theo dõi nạn nhân'),
      page('preview', ['preview'], 'Xem thử: Sổ theo dõi nạn nhân / Preview'),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'src/taskpane/boot.js', to: 'boot.js' },
          { from: 'src/taskpane/help.html', to: 'help.html' },
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          {
            from: 'manifest*.xml',
            to: '[name][ext]',
            transform(content) {
              return dev ? content : content.toString().replace(new RegExp(urlDev, 'g'), urlProd);
            },
          },
        ],
      }),
    ],
    devServer: {
      port,
      host: 'localhost',
      allowedHosts: 'all',
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: devServerType(),
      static: false,
      client: { overlay: false },
      // The inbox (vr inbox serve) answers under the same origin in development, so the pane
      // and the preview need no CORS: set the inbox address to this server in Settings.
      proxy: [{ context: ['/api', '/upload'], target: process.env.VR_INBOX_URL || 'http://127.0.0.1:8787', changeOrigin: true }],
      open: false,
    },
  };
}

module.exports = (env = {}, argv = {}) => {
  const inbox = fs.existsSync(path.join(__dirname, 'webpack.inbox.js')) ? [require('./webpack.inbox.js')(env, argv)] : [];
  return [paneConfig(env, argv), ...inbox];
};
module.exports.urlDev = urlDev;
module.exports.urlProd = urlProd;
