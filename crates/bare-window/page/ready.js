// The page is interactive once its input has focus: the moment the app
// benchmark compares with the app's unlock screen ("ketalog:unlock-ready").
document.getElementById("text").focus();
performance.mark("ketalog:ready");
