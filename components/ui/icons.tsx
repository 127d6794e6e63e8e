import type { SVGProps } from "react";

/*
 * A few 16px stroke icons, drawn here rather than pulled from an icon package. Decorative by
 * default (aria-hidden): the control next to them carries the accessible name.
 */
function Icon({ children, ...props }: SVGProps<SVGSVGElement>) {
  return (
    <svg
      width={16}
      height={16}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.5}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    >
      {children}
    </svg>
  );
}

type IconProps = SVGProps<SVGSVGElement>;

export const HomeIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M2.5 7 8 2.5 13.5 7v6a.5.5 0 0 1-.5.5h-3v-4H6v4H3a.5.5 0 0 1-.5-.5z" />
  </Icon>
);

export const TrajectoryIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="1.75" y="2.5" width="12.5" height="11" rx="1.5" />
    <path d="m4.5 6 2 1.75-2 1.75M8 10h3.5" />
  </Icon>
);

export const CompareIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="1.75" y="2.5" width="5" height="11" rx="1" />
    <rect x="9.25" y="2.5" width="5" height="11" rx="1" />
  </Icon>
);

export const DatasetIcon = (p: IconProps) => (
  <Icon {...p}>
    <ellipse cx="8" cy="3.75" rx="5.25" ry="1.75" />
    <path d="M2.75 3.75v8.5c0 .97 2.35 1.75 5.25 1.75s5.25-.78 5.25-1.75v-8.5M2.75 8c0 .97 2.35 1.75 5.25 1.75S13.25 8.97 13.25 8" />
  </Icon>
);

export const TaskIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="2.5" y="2" width="11" height="12.5" rx="1.5" />
    <path d="m5.25 6 1.25 1.25L9 4.75M5.25 10.5h5.5" />
  </Icon>
);

export const RolloutIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M2 5.25 8 2l6 3.25v5.5L8 14l-6-3.25z" />
    <path d="M2 5.25 8 8.5l6-3.25M8 8.5V14" />
  </Icon>
);

export const AgentIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="2.5" y="5" width="11" height="8.5" rx="2" />
    <path d="M8 5V2.5M5.75 9h.01M10.25 9h.01" strokeWidth={2} />
  </Icon>
);

export const ImportIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M8 2v7.5M5 6.75 8 9.75l3-3" />
    <path d="M2.5 9.5v2.75c0 .69.56 1.25 1.25 1.25h8.5c.69 0 1.25-.56 1.25-1.25V9.5" />
  </Icon>
);

export const FolderIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M1.75 4.25c0-.69.56-1.25 1.25-1.25h3l1.5 1.75H13c.69 0 1.25.56 1.25 1.25v6c0 .69-.56 1.25-1.25 1.25H3c-.69 0-1.25-.56-1.25-1.25z" />
  </Icon>
);

export const FileIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M9 1.75H4.25c-.69 0-1.25.56-1.25 1.25v10c0 .69.56 1.25 1.25 1.25h7.5c.69 0 1.25-.56 1.25-1.25V5.75z" />
    <path d="M9 1.75v4h4" />
  </Icon>
);

export const SunIcon = (p: IconProps) => (
  <Icon {...p}>
    <circle cx="8" cy="8" r="2.75" />
    <path d="M8 1.5v1.25M8 13.25v1.25M1.5 8h1.25M13.25 8h1.25M3.4 3.4l.9.9M11.7 11.7l.9.9M3.4 12.6l.9-.9M11.7 4.3l.9-.9" />
  </Icon>
);

export const MoonIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M13.5 9.6A5.75 5.75 0 0 1 6.4 2.5a5.75 5.75 0 1 0 7.1 7.1z" />
  </Icon>
);

export const MonitorIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="1.75" y="2.5" width="12.5" height="8.5" rx="1.25" />
    <path d="M5.5 14h5M8 11v3" />
  </Icon>
);

export const MenuIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M2.5 4.5h11M2.5 8h11M2.5 11.5h11" />
  </Icon>
);

export const CloseIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="m3.5 3.5 9 9M12.5 3.5l-9 9" />
  </Icon>
);

export const CopyIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="5.5" y="5.5" width="8" height="8" rx="1.25" />
    <path d="M10.5 5.5V3.75c0-.69-.56-1.25-1.25-1.25h-5.5c-.69 0-1.25.56-1.25 1.25v5.5c0 .69.56 1.25 1.25 1.25H5.5" />
  </Icon>
);

export const CheckIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="m3 8.5 3.25 3L13 4.5" />
  </Icon>
);

export const ArrowRightIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M3 8h10M9 4l4 4-4 4" />
  </Icon>
);

export const LogoMark = (p: IconProps) => (
  <svg width={20} height={20} viewBox="0 0 20 20" aria-hidden="true" focusable="false" {...p}>
    <rect width="20" height="20" rx="5" fill="var(--color-accent)" />
    <path
      d="m5.5 7 3 3-3 3M10.5 13h4"
      fill="none"
      stroke="var(--color-accent-fg)"
      strokeWidth={1.75}
      strokeLinecap="round"
      strokeLinejoin="round"
    />
  </svg>
);
