; Vinh Danh for Windows: what an office double-clicks. Built by packaging/build.py --installer
; (or by hand: makensis /DSOURCE=..\..\dist\VinhDanh /DVERSION=x.y.z vinhdanh.nsi).
;
; - per user, no administrator rights: the program goes to %LOCALAPPDATA%\Programs\Vinh Danh;
; - Start menu: Vinh Danh, the licence notices, and uninstall;
; - uninstalling removes the program only: ceremony books, backups and settings live in
;   %LOCALAPPDATA%\VinhDanh and stay where they are.
Unicode true
SetCompressor /SOLID lzma

!ifndef SOURCE
  !define SOURCE "..\..\dist\VinhDanh"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\..\dist\VinhDanh-CaiDat.exe"
!endif
!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\VinhDanh"

Name "Vinh Danh"
Caption "Cài đặt Vinh Danh ${VERSION}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\Vinh Danh"
InstallDirRegKey HKCU "Software\VinhDanh" "InstallDir"
ShowInstDetails show
ShowUninstDetails show

!include "MUI2.nsh"
!define MUI_ABORTWARNING
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "NOTICES.txt"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\VinhDanh.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Mở Vinh Danh"
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Vietnamese"

Function .onVerifyInstDir
  ; Never into the data folder: uninstalling empties the program folder.
  StrCmp $INSTDIR "$LOCALAPPDATA\VinhDanh" 0 +2
    Abort
FunctionEnd

Section "Vinh Danh" main
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File /r "${SOURCE}\*.*"
  File "NOTICES.txt"
  WriteUninstaller "$INSTDIR\GoCaiDat.exe"
  CreateDirectory "$SMPROGRAMS\Vinh Danh"
  CreateShortcut "$SMPROGRAMS\Vinh Danh\Vinh Danh.lnk" "$INSTDIR\VinhDanh.exe"
  CreateShortcut "$SMPROGRAMS\Vinh Danh\Giấy phép phần mềm.lnk" "$INSTDIR\NOTICES.txt"
  CreateShortcut "$SMPROGRAMS\Vinh Danh\Gỡ cài đặt Vinh Danh.lnk" "$INSTDIR\GoCaiDat.exe"
  WriteRegStr HKCU "Software\VinhDanh" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "Vinh Danh"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\VinhDanh.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\GoCaiDat.exe"'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  ; Only a folder that holds Vinh Danh is emptied; the data folder is never touched.
  IfFileExists "$INSTDIR\VinhDanh.exe" 0 +2
    RMDir /r "$INSTDIR"
  Delete "$SMPROGRAMS\Vinh Danh\*.lnk"
  RMDir "$SMPROGRAMS\Vinh Danh"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\VinhDanh"
SectionEnd
