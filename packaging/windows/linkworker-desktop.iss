; Inno Setup script: build the PyInstaller bundle first, then compile this with ISCC.
[Setup]
AppName=Linkworker Desktop
AppVersion=0.1.0
AppPublisher=Linkworker Desktop
DefaultDirName={autopf}\Linkworker Desktop
DefaultGroupName=Linkworker Desktop
PrivilegesRequired=lowest
OutputBaseFilename=linkworker-desktop-setup
Compression=lzma2
SolidCompression=yes

[Files]
Source: "..\..\dist\linkworker-desktop\*"; DestDir: "{app}"; Flags: recursesubdirs

[Icons]
Name: "{group}\Linkworker Desktop"; Filename: "{app}\linkworker-desktop.exe"
