// Where data lives by default: the OS user-data directory Electron would use for this app.
import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'tagger-workstation';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.TAGGER_DATA_DIR) return env.TAGGER_DATA_DIR;
  if (platform === 'win32') return path.join(env.APPDATA || path.join(os.homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return path.join(env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), APP_DIR_NAME);
}
