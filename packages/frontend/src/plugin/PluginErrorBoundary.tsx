import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import { ExtensionErrorCard } from './ExtensionErrorCard';

export interface PluginErrorBoundaryProps {
  /** The plugin whose UI is inside; shown in the error card and the console. */
  pluginId: string;
  /** What the user was looking at, e.g. `the "Greetings" tab`. */
  what: string;
  /** Called before the boundary re-renders its children after "Retry". */
  onRetry?: () => void;
  children: ReactNode;
}

interface State {
  error?: Error;
}

/**
 * Keeps a plugin's failure inside the plugin: the rest of the portal keeps working and the user sees
 * which plugin failed, what failed, and a retry button.
 */
export class PluginErrorBoundary extends Component<PluginErrorBoundaryProps, State> {
  override state: State = {};

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.warn(`[atrium] plugin "${this.props.pluginId}" failed to render ${this.props.what}`, error, info.componentStack);
  }

  private readonly retry = () => {
    this.props.onRetry?.();
    this.setState({ error: undefined });
  };

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return <ExtensionErrorCard pluginId={this.props.pluginId} what={this.props.what} error={error} onRetry={this.retry} />;
  }
}
