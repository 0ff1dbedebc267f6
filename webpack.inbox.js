/* Bundles the inbox's two web pages (staff, upload) into dist/inbox-web/{staff,upload}/,
 * served by the inbox itself (src/inbox/routes/web.ts). The add-in's webpack.config.js includes this
 * config, so `npm run build` builds the add-in and these pages together. */
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');

const PAGES = {
  staff: { title: 'Hộp thư báo cáo tỉnh — cán bộ tỉnh' },
  upload: { title: 'Nộp báo cáo quý — đơn vị' },
};

module.exports = (env = {}, argv = {}) => {
  const mode = argv.mode || (env && env.production ? 'production' : 'production');
  return {
    name: 'inbox-web',
    mode,
    devtool: mode === 'development' ? 'source-map' : false,
    entry: Object.fromEntries(Object.keys(PAGES).map((name) => [name, `./src/inbox/web/${name}/index.tsx`])),
    output: {
      path: path.resolve(__dirname, 'dist/inbox-web'),
      filename: '[name]/[name].[contenthash:8].js',
      // Chunks loaded on demand (e.g. the zip reader of the upload page), served at /shared/.
      chunkFilename: 'shared/[name].[contenthash:8].js',
      publicPath: 'auto',
      clean: true,
    },
    resolve: { extensions: ['.tsx', '.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            // Type checking is `npm run typecheck`; the bundle only needs the emit.
            options: { transpileOnly: true, compilerOptions: { noEmit: false, module: 'es2020', sourceMap: mode === 'development' } },
          },
        },
      ],
    },
    plugins: Object.entries(PAGES).map(
      ([name, page]) =>
        new HtmlWebpackPlugin({
          filename: `${name}/index.html`,
          template: './src/inbox/web/index.html',
          title: page.title,
          chunks: [name],
        }),
    ),
    performance: { hints: false },
  };
};
