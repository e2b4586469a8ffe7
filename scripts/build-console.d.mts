export declare const root: string;
export declare const defaultConsoleDir: string;
export declare function buildConsole(outDir?: string): Promise<void>;
