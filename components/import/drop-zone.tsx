"use client";

import { type DragEvent, useEffect, useRef, useState } from "react";
import { IMPORT_FORMATS } from "@/components/overview/import-formats";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { FileIcon, FolderIcon, ImportIcon } from "@/components/ui/icons";
import { type Collected, fromFileList, takeDropped, walkDropped } from "./collect-files";

/**
 * Where files come in: dropped (files and whole folders, walked with their relative paths) or
 * chosen with the two buttons, which are also the keyboard's way in.
 */
export function DropZone({
  onFiles,
  onReading,
  disabled,
  compact,
}: {
  onFiles(collected: Collected): void;
  onReading(): void;
  disabled?: boolean;
  /** Files are already chosen: a smaller zone for adding more. */
  compact?: boolean;
}) {
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const depth = useRef(0);

  // React knows no `webkitdirectory` prop; set the attribute itself (every current browser supports it).
  useEffect(() => folderInput.current?.setAttribute("webkitdirectory", ""), []);

  // A file dropped beside the zone would make the browser open it and leave the page.
  useEffect(() => {
    const swallow = (event: globalThis.DragEvent) => {
      if (event.dataTransfer?.types.includes("Files")) event.preventDefault();
    };
    window.addEventListener("dragover", swallow);
    window.addEventListener("drop", swallow);
    return () => {
      window.removeEventListener("dragover", swallow);
      window.removeEventListener("drop", swallow);
    };
  }, []);

  const carriesFiles = (event: DragEvent) => event.dataTransfer.types.includes("Files");

  function onDrop(event: DragEvent) {
    event.preventDefault();
    depth.current = 0;
    setOver(false);
    if (disabled) return;
    const dropped = takeDropped(event.dataTransfer);
    onReading();
    void walkDropped(dropped)
      .catch((error: unknown) => ({ files: [], errors: [`The drop could not be read (${String(error)}).`] }))
      .then(onFiles);
  }

  function onInput(input: HTMLInputElement) {
    if (input.files?.length) onFiles({ files: fromFileList(input.files), errors: [] });
    input.value = ""; // choosing the same files again still fires a change
  }

  return (
    <div
      onDragEnter={(event) => {
        if (!carriesFiles(event) || disabled) return;
        depth.current++;
        setOver(true);
      }}
      onDragOver={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = disabled ? "none" : "copy";
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      }}
      onDrop={onDrop}
      className={cn(
        "rounded-lg border-2 border-dashed px-6 text-center transition-colors",
        compact ? "py-6" : "py-12",
        over ? "border-accent bg-accent/5" : "border-border-strong bg-surface",
        disabled && "opacity-60",
      )}
    >
      <span
        aria-hidden="true"
        className={cn(
          "mx-auto grid size-10 place-items-center rounded-full ring-1 ring-inset transition-colors",
          over ? "bg-accent text-accent-fg ring-accent" : "bg-subtle text-muted ring-border",
          compact && "hidden",
        )}
      >
        <ImportIcon width={20} height={20} />
      </span>
      <p className={cn("text-sm font-medium", !compact && "mt-3")}>
        {over ? "Drop to add them" : compact ? "Drop more files or folders here" : "Drop files or folders here"}
      </p>
      {!compact && (
        <p className="mx-auto mt-1 max-w-md text-xs text-muted">
          Folders keep their structure, so Terminal-Bench runs and Harbor trial directories are recognized as a whole.
        </p>
      )}
      <div className="mt-4 flex flex-wrap justify-center gap-2">
        <Button id={CHOOSE_FILES_ID} variant={compact ? "secondary" : "primary"} disabled={disabled} onClick={() => filesInput.current?.click()}>
          <FileIcon width={14} height={14} />
          Choose files
        </Button>
        <Button disabled={disabled} onClick={() => folderInput.current?.click()}>
          <FolderIcon width={14} height={14} />
          Choose a folder
        </Button>
      </div>
      <input
        ref={filesInput}
        type="file"
        multiple
        hidden
        aria-label="Choose files"
        data-testid="import-files-input"
        onChange={(event) => onInput(event.currentTarget)}
      />
      <input
        ref={folderInput}
        type="file"
        hidden
        aria-label="Choose a folder"
        data-testid="import-folder-input"
        onChange={(event) => onInput(event.currentTarget)}
      />
      {!compact && (
        <p className="mx-auto mt-6 max-w-2xl text-xs leading-5 text-muted">
          <span className="font-medium text-text">Recognized: </span>
          {IMPORT_FORMATS.map((f, i) => (
            <span key={f.name} title={f.detail}>
              {f.name}
              {i < IMPORT_FORMATS.length - 1 ? "\u00a0· " : ""}
            </span>
          ))}
          , and <span className="font-mono">.zip</span> archives of them. Other files are listed as skipped.
        </p>
      )}
    </div>
  );
}

/** The first control of the page, where focus returns after "Import more". */
export const CHOOSE_FILES_ID = "import-choose-files";
