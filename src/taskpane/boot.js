/* Start-up check, plain ES5 (never transpiled or bundled): runs before the React bundle and
 * loads it only in a webview that can run it. Office 2016/2019 on Windows may host add-ins in
 * Internet Explorer 11, where the pane cannot run; instead of a blank pane the clerk gets a
 * short explanation, Vietnamese first, with what to do instead. */
(function () {
  'use strict';
  var boot = document.getElementById('vr-boot');
  var list = boot ? boot.getAttribute('data-bundles') || '' : '';

  function unsupportedReason() {
    var ua = window.navigator.userAgent || '';
    if (/Trident\/|MSIE /.test(ua)) return 'ie';
    if (typeof window.Promise === 'undefined' || typeof window.fetch !== 'function' || typeof window.Map === 'undefined' ||
        typeof window.Symbol === 'undefined' || typeof window.Proxy === 'undefined') return 'features';
    return null;
  }

  function showUnsupported(reason) {
    var root = document.getElementById('root') || document.body;
    root.innerHTML =
      '<div id="vr-unsupported" role="alert" style="font-family:Segoe UI,Arial,sans-serif;font-size:14px;line-height:1.45;padding:12px;max-width:36em">' +
      '<h1 style="font-size:18px;margin:0 0 8px">Excel này chưa chạy được ngăn tác vụ Sổ theo dõi nạn nhân</h1>' +
      '<p>Phiên bản Excel trên máy này dùng trình duyệt cũ (' + (reason === 'ie' ? 'Internet Explorer 11' : 'thiếu chức năng JavaScript cần thiết') + ') nên ngăn tác vụ không chạy được. Dữ liệu của anh/chị không bị ảnh hưởng. Có thể làm một trong các cách sau:</p>' +
      '<ol>' +
      '<li>Mở tệp bằng <b>Excel trên web</b> (office.com) rồi mở lại ngăn tác vụ ở đó.</li>' +
      '<li>Nhập hồ sơ trực tiếp trên trang tính <b>Sổ theo dõi</b>, lưu tệp .xlsx, rồi tải lên tại trang <b>/upload/</b> của hộp thư tỉnh (địa chỉ do Sở cung cấp). Hộp thư kiểm tra tệp theo đúng các quy tắc như ngăn tác vụ và trả lời ngay.</li>' +
      '<li>Đề nghị bộ phận tin học cập nhật Office (Microsoft 365 hoặc Office 2021 trở lên).</li>' +
      '</ol>' +
      '<hr>' +
      '<h2 lang="en" style="font-size:16px;margin:8px 0">This Excel cannot run the victim register pane</h2>' +
      '<p lang="en">Excel on this computer hosts add-ins in an old browser (' + (reason === 'ie' ? 'Internet Explorer 11' : 'missing required JavaScript features') + '). Your data is not affected. Instead:</p>' +
      '<ol lang="en">' +
      '<li>Open the file in <b>Excel on the web</b> (office.com) and open the pane there.</li>' +
      '<li>Enter cases directly in the <b>Sổ theo dõi</b> sheet, save the .xlsx and upload it on the provincial inbox page <b>/upload/</b>; the inbox checks it with the same rules and answers at once.</li>' +
      '<li>Ask IT to update Office (Microsoft 365 or Office 2021 or later).</li>' +
      '</ol></div>';
  }

  function loadBundles(names) {
    for (var i = 0; i < names.length; i++) {
      if (!names[i]) continue;
      var script = document.createElement('script');
      script.src = names[i];
      script.async = false; // keep order: runtime/vendor chunks first
      document.body.appendChild(script);
    }
  }

  var reason = unsupportedReason();
  window.__vrBoot = { supported: !reason, reason: reason };
  if (reason) showUnsupported(reason);
  else loadBundles(list.split(' '));
})();
